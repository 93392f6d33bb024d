# bash completion for preampctl(1), the command line of preampd.
# Source names are asked of the running daemon (preampctl --json status), on the
# instance and bus that options earlier on the line name.

# _preampctl_sources PROGRAM [GLOBAL-OPTION...]: the source names, one a line.
_preampctl_sources() {
    local program=$1
    shift
    "$program" "$@" --json status 2>/dev/null |
        grep -o '"name": *"[^"\\]*"' |
        sed 's/^"name": *"//; s/"$//'
}

_preampctl() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local commands="status volume mute dim loudness direct source rec-source bass treble balance levels monitor help"
    local options="--json -i --instance --session --user --system -h --help --version"

    # The global options before the command (for the daemon query), the command, and
    # how many of its arguments come before the word being completed.
    local -a globals=()
    local command='' i=1 nargs=0 word
    while ((i < COMP_CWORD)); do
        word=${COMP_WORDS[i]}
        if [[ -n $command ]]; then
            ((nargs++))
        else
            case $word in
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
            -i?*) globals+=("$word") ;;
            --session | --user | --system) globals+=("$word") ;;
            --) ;;
            -*) ;;
            *) command=$word ;;
            esac
        fi
        ((i++))
    done

    COMPREPLY=()
    if [[ -z $command ]]; then
        case $prev in
        -i | --instance | =) return 0 ;; # an instance NAME: nothing to offer
        esac
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        else
            mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
        fi
        return 0
    fi

    ((nargs == 0)) || return 0 # every command takes one argument at most
    local words=
    case $command in
    mute | dim | loudness | direct) words="on off toggle" ;;
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
