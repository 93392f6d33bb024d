#!/usr/bin/env python3
"""The man pages against the code, so that docs and code cannot drift apart.

    check_man.py drift MANDIR PREAMPD PREAMPCTL PREAMP_RENDER CONFIG_KEYS [PREAMP_MQTT MQTT_KEYS]
        Every option each program's --help prints is in the OPTIONS section of its
        page (MANDIR/NAME.N.scd); every preampctl command, and every form its
        `COMMAND --help` shows, is in the COMMANDS section of preampctl(1); every
        setting the config parser accepts (CONFIG_KEYS prints them) is in the
        SETTINGS section of preampd.conf(5). With PREAMP_MQTT (built with
        libmosquitto): its options in preamp-mqtt(1), and every setting of its file
        (MQTT_KEYS prints them) in preamp-mqtt.conf(5).

    check_man.py render GROFF PAGE...
        Each rendered page formats without a single groff warning.

Each check also runs on a copy of the page with one item taken out (or, for
render, with a bad request added) and must report it: proof that it can fail.
Exit status 0 when all is well, 1 when something is missing.
"""

import re
import subprocess
import sys
import tempfile
from pathlib import Path

# At least this many: a parser that finds nothing must not pass for "all documented".
FLOORS = {"preampd": 9, "preampctl": 9, "preamp-render": 18, "commands": 14, "keys": 29,
          "preamp-mqtt": 9, "mqtt-keys": 16}

failures = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        failures.append(message)


def run(*command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} exited with {result.returncode}:\n{result.stderr}")
    return result.stdout


def help_options(text):
    """The options of the option lines of a --help text ("  -c, --config FILE  the ...")."""
    options = []
    for line in text.splitlines():
        if re.match(r"\s{1,8}-", line):
            names = re.split(r"\s{2,}", line.strip())[0]  # what comes before the description
            options += re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", names)
    return list(dict.fromkeys(options))


def plain(scd):
    """scdoc source without its markup: *bold*, _underline_ and \\ escapes."""
    text = scd.replace("*", "")
    text = re.sub(r"(?<!\w)_|_(?!\w)", "", text)  # not the _ inside words (rec_out)
    return text.replace("\\", "")


def section(scd, name):
    """The text of `# NAME` (its ## subsections included), markup removed."""
    match = re.search(rf"^# {re.escape(name)}\n(.*?)(?=^# |\Z)", scd, re.M | re.S)
    if not match:
        check(False, f"the page has a section {name}")
        return ""
    return plain(match.group(1))


def missing(words, text):
    """The words that do not stand in `text` as words of their own."""
    return [w for w in words if not re.search(rf"(?<![\w.-]){re.escape(w)}(?![\w-])", text)]


def without(scd, word):
    """The page with `word` taken out wherever it stands: the positive control."""
    return scd.replace(word, "")


def expect_documented(what, words, scd, name, floor):
    """`words` must all stand in section `name` of page `scd`, and the check must see
    one of them go missing."""
    check(len(words) >= floor, f"{what}: found {len(words)} (at least {floor})")
    absent = missing(words, section(scd, name))
    check(not absent, f"{what}: all in {name}" + (f"; missing: {' '.join(absent)}" if absent else ""))
    if words:
        victim = words[len(words) // 2]
        check(missing([victim], section(without(scd, victim), name)) == [victim],
              f"{what}: a page without {victim} is caught")


def ctl_commands(preampctl):
    """preampctl's commands with the forms their own --help shows."""
    text = run(preampctl, "--help")
    commands = re.findall(r"^  ([a-z][a-z-]*)(?: \[.*\])?$", text, re.M)
    forms = {}
    for command in commands:
        usage = re.search(rf"^Usage: preampctl {re.escape(command)}(?: \[(.*)\])?$",
                          run(preampctl, command, "--help"), re.M)
        if not usage:  # `help --help` is the whole text: its line under Commands
            usage = re.search(rf"^  {re.escape(command)}(?: \[(.*)\])?$", text, re.M)
        forms[command] = [f.strip() for f in (usage.group(1) or "").split("|") if f.strip()]
    return forms


def drift(mandir, preampd, preampctl, render, config_keys, mqtt=None, mqtt_keys=None):
    mandir = Path(mandir)
    page = {name: (mandir / f"{name}.scd").read_text(encoding="utf-8")
            for name in ("preampd.8", "preampctl.1", "preamp-render.1", "preampd.conf.5")}

    for program, exe, name in (("preampd", preampd, "preampd.8"),
                               ("preampctl", preampctl, "preampctl.1"),
                               ("preamp-render", render, "preamp-render.1")):
        expect_documented(f"{program} --help options", help_options(run(exe, "--help")),
                          page[name], "OPTIONS", FLOORS[program])

    forms = ctl_commands(preampctl)
    expect_documented("preampctl commands", list(forms), page["preampctl.1"], "COMMANDS",
                      FLOORS["commands"])
    everything = [f for command in forms.values() for f in command]
    expect_documented("preampctl command forms", list(dict.fromkeys(everything)),
                      page["preampctl.1"], "COMMANDS", len(forms))

    keys = run(config_keys).split()
    expect_documented("preampd.conf settings", keys, page["preampd.conf.5"], "SETTINGS",
                      FLOORS["keys"])

    if mqtt:
        mqtt_page = (mandir / "preamp-mqtt.1.scd").read_text(encoding="utf-8")
        expect_documented("preamp-mqtt --help options", help_options(run(mqtt, "--help")),
                          mqtt_page, "OPTIONS", FLOORS["preamp-mqtt"])
        conf_page = (mandir / "preamp-mqtt.conf.5.scd").read_text(encoding="utf-8")
        expect_documented("preamp-mqtt.conf settings", run(mqtt_keys).split(), conf_page,
                          "SETTINGS", FLOORS["mqtt-keys"])


def groff_warnings(groff, path):
    result = subprocess.run([groff, "-k", "-t", "-mandoc", "-Tutf8", "-ww", "-z", "-rLL=80n",
                             str(path)], capture_output=True, text=True)
    return (result.stdout + result.stderr).strip() or (
        f"groff exited with {result.returncode}" if result.returncode else "")


def render(groff, pages):
    for page in pages:
        warnings = groff_warnings(groff, page)
        check(not warnings, f"{Path(page).name} renders without warnings" +
              (f":\n{warnings}" if warnings else ""))
    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / Path(pages[0]).name
        broken.write_text(Path(pages[0]).read_text(encoding="utf-8") + ".XX undefined\n",
                          encoding="utf-8")
        check(bool(groff_warnings(groff, broken)), "a page with an undefined macro is caught")


def main(argv):
    if len(argv) in (7, 9) and argv[1] == "drift":
        drift(*argv[2:])
    elif len(argv) >= 4 and argv[1] == "render":
        render(argv[2], argv[3:])
    else:
        sys.exit(__doc__)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
