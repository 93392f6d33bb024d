#!/usr/bin/env python3
"""Checks of `meson install`: the installed tree and the systemd units in it.

    check_install.py tree|units|security|start|controls

Each check but `controls` installs the build (meson install --no-rebuild --destdir) into
a temporary directory of its own, which it removes. The expected install paths come from
meson, in the environment (see tests/install/meson.build). `controls` shows that each
check can fail: it feeds them a weak unit, a unit with a typo, a missing binary...
Exit status: 0 passed, 1 failed, 77 skipped (meson's convention).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ENV = os.environ
SKIP = 77
MAX_EXPOSURE = 2.0
# Hardening that JACK cannot live with: /dev/shm, the real uids/gids, the host's IPC.
FORBIDDEN = ("PrivateDevices", "PrivateUsers", "PrivateIPC")
# The man pages the units name in Documentation=.
UNIT_MAN_PAGES = ("man8/preampd.8", "man5/preampd.conf.5", "man1/preampctl.1")

units_installed = ENV.get("SYSTEMD_UNITS") == "1"
mqtt_built = ENV.get("MQTT") == "1"  # preamp-mqtt (libmosquitto): its units too
sbindir, bindir, mandir = ENV["SBINDIR"], ENV["BINDIR"], ENV["MANDIR"]
system_unit_dir = Path(ENV["SYSTEMDSYSTEMUNITDIR"])
user_unit_dir = Path(ENV["SYSTEMDUSERUNITDIR"])
examples_dir = Path(ENV["EXAMPLES_DIR"])


def under(root, path):
    """`path` (absolute) inside the tree at `root`."""
    return Path(str(root) + str(path))


def install(dest):
    subprocess.run(
        [ENV["MESON"], "install", "-C", ENV["BUILD_ROOT"], "--no-rebuild", "--quiet",
         "--destdir", str(dest)],
        check=True, stdout=subprocess.DEVNULL)


def installed_by_meson():
    """Every file meson says it installs (man pages included when they are built)."""
    out = subprocess.run([ENV["MESON"], "introspect", "--installed", ENV["BUILD_ROOT"]],
                         check=True, capture_output=True, text=True).stdout
    return sorted(json.loads(out).values())


def expected_files():
    """(path, must be executable) of everything this project means to install."""
    files = [(f"{sbindir}/preampd", True), (f"{bindir}/preampctl", True),
             (f"{ENV['SYSCONFDIR']}/preampd/preampd.conf", False),
             (f"{ENV['DBUS_POLICY_DIR']}/org.preampd.Preamp.conf", False),
             (f"{ENV['DBUS_SERVICES_DIR']}/org.preampd.Preamp.service", False),
             (f"{ENV['BASH_COMPLETIONS_DIR']}/preampctl", False)]
    if ENV.get("RENDER") == "1":
        files.append((f"{bindir}/preamp-render", True))
    if mqtt_built:
        files.append((f"{bindir}/preamp-mqtt", True))
    files += [(f"{examples_dir}/{name}", False)
              for name in ("jackd.service", "jackd.env", "jackd.sysusers", "input.conf")]
    if units_installed:
        files += [(f"{system_unit_dir}/preampd.service", False),
                  (f"{system_unit_dir}/preampd@.service", False),
                  (f"{user_unit_dir}/preampd.service", False),
                  (f"{ENV['SYSUSERSDIR']}/preampd.conf", False)]
        if mqtt_built:
            files += [(f"{system_unit_dir}/preamp-mqtt.service", False),
                      (f"{user_unit_dir}/preamp-mqtt.service", False),
                      (f"{ENV['SYSUSERSDIR']}/preamp-mqtt.conf", False)]
    return files


def missing(dest, files):
    """Problems with `files` [(path, executable)] in the tree at `dest`."""
    problems = []
    for path, executable in files:
        file = under(dest, path)
        if not file.is_file():
            problems.append(f"not installed: {path}")
        elif executable and not os.access(file, os.X_OK):
            problems.append(f"not executable: {path}")
    return problems


def unit_values(text, key):
    return [m.group(1).strip() for m in re.finditer(rf"^{key}=(.*)$", text, re.MULTILINE)]


def exec_start(unit):
    """The argv of the unit's ExecStart= (one, without prefixes such as '-')."""
    (line,) = unit_values(unit.read_text(), "ExecStart")
    return line.split()


def installed_variant(unit, dest, outdir, name=None):
    """A copy of `unit` whose ExecStart= runs the binary in the tree at `dest`: verify
    checks that the binary exists, and this system has no such binary installed."""
    text = unit.read_text()
    argv = exec_start(unit)
    copy = Path(outdir) / (name or unit.name)
    copy.write_text(text.replace(f"ExecStart={argv[0]}", f"ExecStart={under(dest, argv[0])}"))
    return copy


def verify(unit, user=False, man_path=None, runtime_dir=None):
    """Problems `systemd-analyze verify` finds (anything on stderr, or failure)."""
    env = dict(ENV)
    args = ["systemd-analyze", "verify"]
    if user:
        args.append("--user")
        env["XDG_RUNTIME_DIR"] = str(runtime_dir)
    if man_path:
        env["MANPATH"] = str(man_path)
        args.append("--man=yes")
    else:
        args.append("--man=no")
    run = subprocess.run(args + [str(unit)], env=env, capture_output=True, text=True)
    problems = [f"{unit.name}: {line}" for line in run.stderr.splitlines() if line.strip()]
    if run.returncode != 0:
        problems.append(f"{unit.name}: systemd-analyze verify exited with {run.returncode}")
    return problems


def exposure(unit):
    """The "Overall exposure level" of `systemd-analyze security --offline=true`."""
    run = subprocess.run(["systemd-analyze", "security", "--offline=true", str(unit)],
                         capture_output=True, text=True)
    m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", run.stdout + run.stderr)
    if not m:
        raise RuntimeError(f"{unit}: no exposure level in:\n{run.stdout}{run.stderr}")
    return float(m.group(1))


def too_exposed(unit):
    level = exposure(unit)
    print(f"{unit.name}: exposure {level}")
    return [f"{unit.name}: exposure {level} > {MAX_EXPOSURE}"] if level > MAX_EXPOSURE else []


def forbidden(unit):
    """Problems: hardening options turned on that JACK cannot live with."""
    return [f"{unit.name}: {key}={value}" for key in FORBIDDEN
            for value in unit_values(unit.read_text(), key)
            if value.lower() not in ("no", "false", "0", "off")]


def sysusers(file, root):
    """Problems `systemd-sysusers --dry-run` finds in a sysusers.d file."""
    run = subprocess.run(["systemd-sysusers", f"--root={root}", "--dry-run", str(file)],
                         capture_output=True, text=True)
    out = run.stdout + run.stderr
    if run.returncode != 0:
        return [f"{file.name}: systemd-sysusers --dry-run failed:\n{out}"]
    return []


def check_config(unit, dest, config_dir, state_dir, instance=""):
    """Problems running the installed `unit`'s ExecStart= with --check-config, as systemd
    would start it: its Environment=, and ConfigurationDirectory=/StateDirectory= set to
    the given directories."""
    argv = [arg.replace("%i", instance).replace("${CONFIGURATION_DIRECTORY}", str(config_dir))
            for arg in exec_start(unit)] + ["--check-config"]
    print(f"{unit.name}: {' '.join(argv)}")
    env = dict(ENV, CONFIGURATION_DIRECTORY=str(config_dir), STATE_DIRECTORY=str(state_dir))
    env.update(value.split("=", 1) for value in unit_values(unit.read_text(), "Environment"))
    run = subprocess.run([str(under(dest, argv[0]))] + argv[1:], env=env,
                         capture_output=True, text=True)
    out = run.stdout + run.stderr
    if run.returncode != 0:
        return [f"{' '.join(argv)} failed ({run.returncode}):\n{out}"]
    return [f"{' '.join(argv)}: no \"{expected}\" in:\n{out}"
            for expected in (f"{config_dir}/{instance or 'preampd'}.conf: valid",
                             f"state file: {state_dir}/state{'-' + instance if instance else ''}\n")
            if expected not in out]


def check_tree(dest):
    by_meson = installed_by_meson()
    problems = missing(dest, expected_files()) + missing(dest, [(p, False) for p in by_meson])
    service = under(dest, f"{ENV['DBUS_SERVICES_DIR']}/org.preampd.Preamp.service").read_text()
    if unit_values(service, "Exec") != [f"{sbindir}/preampd --system"]:
        problems.append(f"D-Bus activation file: Exec={unit_values(service, 'Exec')}")
    if units_installed:
        for unit in ("preampd.service", "preampd@.service"):
            if exec_start(under(dest, system_unit_dir / unit))[0] != f"{sbindir}/preampd":
                problems.append(f"{unit}: ExecStart is not {sbindir}/preampd")
    print(f"man pages installed: {sum(p.startswith(f'{mandir}/') for p in by_meson)}")
    return problems


def man_path_if_complete(dest):
    """MANPATH for verify's Documentation= check, when this build installs the pages."""
    pages = under(dest, mandir)
    complete = all((pages / p).is_file() for p in UNIT_MAN_PAGES)
    return pages if complete and shutil.which("man") else None


def check_units(dest):
    if not units_installed:
        return None
    work = Path(tempfile.mkdtemp(dir=dest))
    runtime = work / "runtime"
    runtime.mkdir(mode=0o700)
    (work / "user").mkdir()
    man_path = man_path_if_complete(dest)
    print("Documentation= checked against the installed man pages" if man_path
          else "no man pages in this build: Documentation= not checked")
    problems = []
    for unit in ("preampd.service", "preampd@.service"):
        problems += verify(installed_variant(under(dest, system_unit_dir / unit), dest, work),
                           man_path=man_path)
    user_unit = installed_variant(under(dest, user_unit_dir / "preampd.service"), dest,
                                  work / "user")
    problems += verify(user_unit, user=True, man_path=man_path, runtime_dir=runtime)
    if mqtt_built:
        problems += verify(installed_variant(under(dest, system_unit_dir / "preamp-mqtt.service"),
                                             dest, work), man_path=man_path)
        problems += verify(installed_variant(under(dest, user_unit_dir / "preamp-mqtt.service"),
                                             dest, work / "user"),
                           user=True, man_path=man_path, runtime_dir=runtime)
    jackd = under(dest, examples_dir / "jackd.service")
    if Path(exec_start(jackd)[0]).is_file():
        problems += verify(jackd)
    else:
        print(f"{exec_start(jackd)[0]} is not installed: example jackd.service not verified")
    sysroot = work / "sysroot"
    sysroot.mkdir()
    problems += sysusers(under(dest, f"{ENV['SYSUSERSDIR']}/preampd.conf"), sysroot)
    if mqtt_built:
        problems += sysusers(under(dest, f"{ENV['SYSUSERSDIR']}/preamp-mqtt.conf"), sysroot)
    problems += sysusers(under(dest, examples_dir / "jackd.sysusers"), sysroot)
    return problems


def with_drop_in(unit, drop_in, outdir):
    """A copy of `unit` with the settings of `drop_in` (a [Service] one) in its
    [Service] section, as systemd merges them."""
    lines = [line for line in drop_in.read_text().splitlines()
             if line.strip() and not line.startswith(("#", "["))]
    copy = Path(outdir) / (unit.stem + "-with-" + drop_in.stem + ".service")
    copy.write_text(unit.read_text().replace("[Service]\n", "[Service]\n" + "\n".join(lines) + "\n", 1))
    return copy


def check_security(dest):
    if not units_installed:
        return None
    problems = []
    for unit in ("preampd.service", "preampd@.service"):
        path = under(dest, system_unit_dir / unit)
        problems += too_exposed(path) + forbidden(path)
    if mqtt_built:
        problems += too_exposed(under(dest, system_unit_dir / "preamp-mqtt.service"))
    # The example drop-in for input devices (group input, DeviceAllow=char-input r).
    work = Path(tempfile.mkdtemp(dir=dest))
    problems += too_exposed(with_drop_in(under(dest, system_unit_dir / "preampd.service"),
                                         under(dest, examples_dir / "input.conf"), work))
    return problems + forbidden(under(dest, user_unit_dir / "preampd.service"))


def check_start(dest):
    """The installed units' ExecStart=, run with --check-config on the installed
    configuration."""
    if not units_installed:
        return None
    config_dir = under(dest, f"{ENV['SYSCONFDIR']}/preampd")
    state_dir = Path(tempfile.mkdtemp(dir=dest))
    # A zone's own configuration, as the administrator would make it.
    shutil.copy(config_dir / "preampd.conf", config_dir / "zone2.conf")
    return [problem
            for unit, instance in ((system_unit_dir / "preampd.service", ""),
                                   (system_unit_dir / "preampd@.service", "zone2"),
                                   (user_unit_dir / "preampd.service", ""))
            for problem in check_config(under(dest, unit), dest, config_dir, state_dir,
                                        instance)]


def expect_failure(what, problems):
    if problems:
        print(f"ok, fails as it should: {what}: {problems[0].splitlines()[0]}")
        return []
    return [f"control passed but should have failed: {what}"]


def check_controls(work):
    """Each check above, fed something wrong, must fail."""
    good = (
        "[Unit]\nDescription=control\n\n[Service]\nType=notify\nExecStart=/bin/true\n"
        "[Install]\nWantedBy=multi-user.target\n")
    units = {
        "weak.service": "[Service]\nExecStart=/bin/true\n",
        "typo.service": good.replace("Type=notify", "Tyep=notify"),
        "nobinary.service": good.replace("/bin/true", "/nonexistent/preampd"),
        "privdev.service": good + "[Service]\nPrivateDevices=yes\nPrivateIPC=true\n",
        "bad.sysusers": "u preampd - \"x\" /var/lib/preampd\nx what\n",
    }
    for name, text in units.items():
        (work / name).write_text(text)
    (work / "empty").mkdir()
    (work / "sysroot").mkdir()
    problems = verify(work / "weak.service")  # itself verifies clean
    problems += expect_failure("exposure of a unit without hardening",
                               too_exposed(work / "weak.service"))
    problems += expect_failure("verify of a unit with an unknown key",
                               verify(work / "typo.service"))
    problems += expect_failure("verify of a unit whose binary is missing",
                               verify(work / "nobinary.service"))
    problems += expect_failure("PrivateDevices=/PrivateIPC= turned on",
                               forbidden(work / "privdev.service"))
    problems += expect_failure("a sysusers.d file with a bad line",
                               sysusers(work / "bad.sysusers", work / "sysroot"))
    problems += expect_failure("a file that was not installed",
                               missing(work / "empty", [(f"{sbindir}/preampd", True)]))
    (work / "preampd.service").write_text(good.replace("/bin/true", ENV["PREAMPD"]))
    problems += expect_failure("--check-config without a configuration",
                               check_config(work / "preampd.service", "", work / "empty",
                                            work / "empty"))
    return problems


CHECKS = {"tree": check_tree, "units": check_units, "security": check_security,
          "start": check_start, "controls": check_controls}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        print(f"usage: {sys.argv[0]} {'|'.join(CHECKS)}", file=sys.stderr)
        return 2
    name = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix=f"preampd-install-{name}-"))
    try:
        if name != "controls":
            install(work)
        problems = CHECKS[name](work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if problems is None:
        print("skipped: this build installs no systemd units")
        return SKIP
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
