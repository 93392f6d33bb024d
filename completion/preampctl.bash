# bash completion for preampctl(1), the command line of preampd.
# Source and speaker set names are asked of the running daemon (preampctl --json
# status), on the instance and bus that options on the line name. Options go anywhere
# on the line.

# _preampctl_names KEY PROGRAM [GLOBAL-OPTION...]: the names in status's list KEY
# ("sources", "speaker_sets"), one a line.
_preampctl_names() {
    local key=$1 program=$2
    shift 2
    "$program" "$@" --json status 2>/dev/null |
        grep -o "\"$key\": *\\[[^]]*\\]" |
        grep -o '"name": *"[^"\\]*"' |
        sed 's/^"name": *"//; s/"$//'
}

_preampctl_sources() {
    _preampctl_names sources "$@"
}

_preampctl() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="status volume mute dim loudness direct mono swap standby polarity speakers sub crossover sub-delay sub-polarity source rec-source bass treble balance levels monitor save help"
    local options="--json -i --instance --session --user --system -h --help --version"

    # The options anywhere on the line (those of the bus and instance for the daemon
    # query), the command (the first word that is no option; -20dB is a value), and how
    # many of its arguments come before the word being completed. Nothing after -- is an
    # option.
    local -a globals=()
    local command='' i=1 nargs=0 word ended=0 positional
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        positional=1
        if ((!ended)); then
            positional=0
            case $word in
            --) ended=1 ;;
            -i | --instance)
                # --instance=NAME comes as three words: --instance, =, NAME.
                if [[ ${COMP_WORDS[i + 1]} == "=" ]]; then
                    ((i++))
                fi
                if ((i + 1 < COMP_CWORD)); then
                    globals+=(--instance "${COMP_WORDS[i + 1]}")
                fi
                ((i++))
                ;;
            -[0-9.]* | --[0-9.]* | -) positional=1 ;; # a value such as -20dB
            -i?*) globals+=("$word") ;;
            --session | --user | --system) globals+=("$word") ;;
            -*) ;;
            *) positional=1 ;;
            esac
        fi
        if ((positional)); then
            if [[ -z $command ]]; then
                command=$word
            else
                ((nargs++))
            fi
        fi
        ((i++))
    done

    COMPREPLY=()
    case $prev in
    -i | --instance | =) ((ended)) || return 0 ;; # an instance NAME: nothing to offer
    esac
    if ((!ended)) && [[ $cur == -* && $cur != -[0-9.]* ]]; then
        local own=
        [[ $command == levels ]] && own=--watch
        mapfile -t COMPREPLY < <(compgen -W "$options $own" -- "$cur")
        return 0
    fi
    if [[ -z $command ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
        return 0
    fi

    # polarity takes one word per channel (or CHANNEL WORD); the others one argument at most.
    ((nargs == 0)) || [[ $command == polarity ]] || return 0
    local words=
    case $command in
    mute | dim | loudness | direct | mono | swap | standby) words="on off toggle" ;;
    sub) words="on off toggle" ;;
    polarity | sub-polarity) words="normal inverted" ;;
    speakers) words=$(_preampctl_names speaker_sets "$1" "${globals[@]}") ;;
    volume) words="up down" ;;
    balance) words="left center right" ;;
    levels) words="--watch" ;;
    help) words=$commands ;;
    source) words=$(_preampctl_sources "$1" "${globals[@]}") ;;
    rec-source) words="follow $(_preampctl_sources "$1" "${globals[@]}")" ;;
    esac
    [[ -n $words ]] && mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
    return 0
}

complete -F _preampctl preampctl
