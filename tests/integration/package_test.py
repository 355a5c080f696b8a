#!/usr/bin/python3
"""The Debian package (scripts/package, cmake/packaging.cmake): its file list, owners
and modes; that it installs (the gpalert user, /var/lib/gpalert 0750, the conffile,
the unit enabled and not started), that the installed `gpalert check` passes on the
shipped config, that `systemd-analyze verify` is clean and `security` scores at most
2.5; that `dpkg -r` keeps the state and the user and `dpkg --purge` removes both.

Installs and purges the package on this machine, so it needs root, dpkg and
systemd-analyze, and a machine without gpalert installed and without a gpalert user
or state; otherwise it is skipped with the reason. It puts the machine back as it
found it, also when it fails.

The .deb: $GPALERT_DEB when set (a package already built, e.g. by CI's packaging
step: scripts/package is a clean Release build of its own and takes minutes),
otherwise the test runs scripts/package and uses the path it prints last."""

import grp
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
UNIT = "/lib/systemd/system/gpalert.service"
CONFIG = "/etc/gpalert/gpalert.toml"
STATE = "/var/lib/gpalert"
WANTS = "/etc/systemd/system/multi-user.target.wants/gpalert.service"
MAX_EXPOSURE = 2.5

# Always in the package: path -> mode as dpkg-deb -c shows it.
REQUIRED = {
    "/usr/bin/gpalert": "-rwxr-xr-x",
    UNIT: "-rw-r--r--",
    CONFIG: "-rw-r--r--",
    "/usr/share/doc/gpalert/copyright": "-rw-r--r--",
    "/usr/share/doc/gpalert/changelog.Debian.gz": "-rw-r--r--",
    "/usr/share/doc/gpalert/README.Debian": "-rw-r--r--",
}
# In the package when the source tree has them (they are being written separately).
OPTIONAL = {
    "docs/man/gpalert.1": "/usr/share/man/man1/gpalert.1.gz",
    "docs/man/gpalert.toml.5": "/usr/share/man/man5/gpalert.toml.5.gz",
    "dist/bash-completion/gpalert": "/usr/share/bash-completion/completions/gpalert",
}
# What deb-systemd-helper and the package may leave behind: compared before and after.
SYSTEMD_STATE = ["/etc/systemd/system", "/var/lib/systemd/deb-systemd-helper-enabled",
                 "/var/lib/systemd/deb-systemd-helper-masked"]


def run(*cmd, timeout=120, check=True, env=None):
    proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout,
                          env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)}: exit {proc.returncode}\n"
                             f"stdout: {proc.stdout}\nstderr: {proc.stderr}")
    return proc


def package_status():
    """dpkg's status of gpalert ("install ok installed", "deinstall ok config-files"), or
    "" when dpkg does not know it."""
    proc = run("dpkg-query", "-W", "-f=${Status}", "gpalert", check=False)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def user_exists(name="gpalert"):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def group_exists(name="gpalert"):
    try:
        grp.getgrnam(name)
        return True
    except KeyError:
        return False


def snapshot(paths):
    out = set()
    for top in paths:
        for dirpath, dirnames, filenames in os.walk(top):
            for name in dirnames + filenames:
                full = os.path.join(dirpath, name)
                target = os.readlink(full) if os.path.islink(full) else ""
                out.add((full, target))
    return out


class PackageTest(unittest.TestCase):
    binary = None

    def setUp(self):
        if os.geteuid() != 0:
            self.skipTest("needs root: it installs and purges the package (dpkg -i, dpkg --purge)")
        for tool in ("dpkg", "dpkg-deb", "dpkg-query", "systemd-analyze", "runuser"):
            if shutil.which(tool) is None:
                self.skipTest(f"{tool} is not installed")
        if package_status() not in ("", "unknown ok not-installed"):
            self.skipTest(f"gpalert is already known to dpkg here ({package_status()}); "
                          "not touching this machine's installation")
        for what, present in (("a gpalert user", user_exists()),
                              ("a gpalert group", group_exists()),
                              (STATE, os.path.lexists(STATE)),
                              ("/etc/gpalert", os.path.lexists("/etc/gpalert"))):
            if present:
                self.skipTest(f"this machine already has {what}; purging would delete it")
        self.systemd_before = snapshot(SYSTEMD_STATE)
        self.addCleanup(self.restore)

    def restore(self):
        """Whatever happened, leave no package, user or state behind."""
        if package_status() not in ("", "unknown ok not-installed"):
            run("dpkg", "--purge", "gpalert", check=False, timeout=300)
        if user_exists():
            run("userdel", "gpalert", check=False)
        if group_exists():
            run("groupdel", "gpalert", check=False)
        shutil.rmtree(STATE, ignore_errors=True)
        shutil.rmtree("/etc/gpalert", ignore_errors=True)

    def deb(self):
        deb = os.environ.get("GPALERT_DEB")
        if deb:
            self.assertTrue(os.path.isfile(deb), f"GPALERT_DEB={deb} is not a file")
            return os.path.abspath(deb)
        started = time.monotonic()
        proc = run(os.path.join(ROOT, "scripts", "package"), timeout=1500)
        print(f"scripts/package: {time.monotonic() - started:.0f}s", file=sys.stderr)
        deb = proc.stdout.strip().splitlines()[-1]
        self.assertTrue(deb.endswith(".deb") and os.path.isabs(deb),
                        f"scripts/package's last line is not a .deb path: {deb!r}")
        self.assertNotIn("\nE: ", "\n" + proc.stderr, "lintian errors:\n" + proc.stderr)
        return deb

    def check_contents(self, deb):
        listing = run("dpkg-deb", "-c", deb).stdout
        entries = {}
        for line in listing.splitlines():
            fields = line.split(None, 5)
            mode, owner, path = fields[0], fields[1], fields[5].split(" -> ")[0]
            path = "/" + path.lstrip("./").rstrip("/")
            entries[path] = (mode, owner)
            self.assertEqual(owner, "root/root", f"{path} is owned by {owner}")
            if mode.startswith("d"):
                self.assertEqual(mode, "drwxr-xr-x", f"directory {path}")
        expected = dict(REQUIRED)
        for source, installed in OPTIONAL.items():
            if os.path.exists(os.path.join(ROOT, source)):
                expected[installed] = "-rw-r--r--"
        for path, mode in expected.items():
            self.assertIn(path, entries, f"{path} is not in the package:\n{listing}")
            self.assertEqual(entries[path][0], mode, f"mode of {path}")
        files = {p for p, (m, _) in entries.items() if not m.startswith("d")}
        known = set(REQUIRED) | set(OPTIONAL.values())
        self.assertEqual(files - known, set(), "files the test does not know of")
        self.assertFalse(any(p.startswith("/var/lib/gpalert") for p in entries),
                         "the state dir is made by postinst, not shipped")

        conffiles = run("dpkg-deb", "-I", deb, "conffiles").stdout
        self.assertEqual(conffiles.split(), [CONFIG], "the control member conffiles")
        fields = run("dpkg-deb", "-f", deb, "Package", "Depends", "Section", "Priority",
                     "Maintainer", "Description").stdout
        self.assertIn("Package: gpalert", fields)
        self.assertRegex(fields, r"Depends: .*\badduser\b")
        self.assertRegex(fields, r"Depends: .*\blibc6\b")  # computed by dpkg-shlibdeps
        return entries

    def assert_mode(self, path, mode, user, group):
        st = os.lstat(path)
        self.assertEqual(stat.S_IMODE(st.st_mode), mode, f"mode of {path}: {oct(st.st_mode)}")
        self.assertEqual(pwd.getpwuid(st.st_uid).pw_name, user, f"owner of {path}")
        self.assertEqual(grp.getgrgid(st.st_gid).gr_name, group, f"group of {path}")

    def test_install_remove_purge(self):
        deb = self.deb()
        self.check_contents(deb)

        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("dpkg", "-i", deb, env=env, timeout=300)
        self.assertEqual(package_status(), "install ok installed")

        # Files, owners, modes; the conffile; the user; the state dir.
        self.assert_mode("/usr/bin/gpalert", 0o755, "root", "root")
        self.assert_mode(CONFIG, 0o644, "root", "root")
        self.assert_mode(UNIT, 0o644, "root", "root")
        conffiles = run("dpkg-query", "-W", "-f=${Conffiles}", "gpalert").stdout
        self.assertRegex(conffiles, r"^ /etc/gpalert/gpalert\.toml [0-9a-f]{32}$",
                         f"conffiles: {conffiles!r}")
        user = pwd.getpwnam("gpalert")
        self.assertLess(user.pw_uid, 1000, "a system user")
        self.assertEqual(user.pw_dir, STATE)
        self.assertIn(user.pw_shell, ("/usr/sbin/nologin", "/bin/false"))
        self.assertEqual(grp.getgrgid(user.pw_gid).gr_name, "gpalert")
        self.assert_mode(STATE, 0o750, "gpalert", "gpalert")
        if shutil.which("deb-systemd-helper"):
            self.assertEqual(os.readlink(WANTS), UNIT, "enabled on first install")
        version = run("/usr/bin/gpalert", "--version").stdout
        self.assertEqual(version, run(self.binary, "--version").stdout)

        # The shipped config is valid, for root and for the daemon's user (ExecReload
        # runs the check as gpalert); and the daemon's user can use the state dir.
        check = run("/usr/bin/gpalert", "check", "--config", CONFIG)
        self.assertIn(f"{CONFIG}: OK", check.stdout)
        self.assertIn(f"state dir {STATE}", check.stdout)
        run("runuser", "-u", "gpalert", "--", "/usr/bin/gpalert", "check", "--config", CONFIG)
        once = run("runuser", "-u", "gpalert", "--", "/usr/bin/gpalert", "run", "--once",
                   "--config", CONFIG, timeout=60)
        self.assertIn("polled 0 source(s)", once.stdout)
        self.assertTrue(os.path.exists(os.path.join(STATE, "gpalert.db")))

        # The unit: verify is clean (a man page named in Documentation= that the package
        # does not have yet is the one thing tolerated), security scores <= 2.5.
        verify = run("systemd-analyze", "verify", UNIT, check=False)
        problems = []
        for line in (verify.stdout + verify.stderr).splitlines():
            m = re.search(r"Command 'man (\S+)\((\d)\)' failed", line)
            if m and not os.path.exists(f"/usr/share/man/man{m[2]}/{m[1]}.{m[2]}.gz"):
                print(f"skipped: {line} (man page not packaged yet)", file=sys.stderr)
                continue
            problems.append(line)
        self.assertEqual(problems, [], "systemd-analyze verify")
        security = run("systemd-analyze", "security", "--offline=yes", UNIT, check=False)
        m = re.search(r"Overall exposure level for gpalert\.service: ([0-9.]+)", security.stdout)
        self.assertIsNotNone(m, security.stdout + security.stderr)
        print(m[0], file=sys.stderr)
        self.assertLessEqual(float(m[1]), MAX_EXPOSURE, security.stdout)

        # remove: the program goes; the conffile, the state and the user stay.
        run("dpkg", "-r", "gpalert", env=env, timeout=300)
        self.assertEqual(package_status(), "deinstall ok config-files")
        for path in ("/usr/bin/gpalert", UNIT, "/usr/share/doc/gpalert/copyright"):
            self.assertFalse(os.path.lexists(path), f"{path} after dpkg -r")
        self.assertTrue(os.path.exists(CONFIG), "dpkg -r keeps the conffile")
        self.assert_mode(STATE, 0o750, "gpalert", "gpalert")
        self.assertTrue(os.path.exists(os.path.join(STATE, "gpalert.db")), "dpkg -r keeps the state")
        self.assertTrue(user_exists(), "dpkg -r keeps the user")

        # purge: everything goes, the machine is as before.
        run("dpkg", "--purge", "gpalert", env=env, timeout=300)
        self.assertIn(package_status(), ("", "unknown ok not-installed"))
        for path in ("/etc/gpalert", STATE, WANTS):
            self.assertFalse(os.path.lexists(path), f"{path} after dpkg --purge")
        self.assertFalse(user_exists(), "dpkg --purge removes the user")
        self.assertFalse(group_exists(), "dpkg --purge removes the group")
        self.assertEqual(snapshot(SYSTEMD_STATE) ^ self.systemd_before, set(),
                         "systemd unit links left behind (or removed)")


if __name__ == "__main__":
    PackageTest.binary = h.gpalert_path()
    unittest.main(verbosity=2)
