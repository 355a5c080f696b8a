#!/usr/bin/python3
"""`gpalert check`: exit 0 with a summary for a valid config, exit 2 with
FILE:LINE:COL: message on stderr for a broken one (including a broken include)."""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, "..", "data", "config", "good", "gpalert.toml")


def run(gpalert, *args):
    return subprocess.run([gpalert, "check", *args], capture_output=True, text=True, timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gpalert", required=True)
    gpalert = parser.parse_args().gpalert
    failures = []

    def expect(cond, what, proc):
        if not cond:
            failures.append(f"{what}\n  rc={proc.returncode}\n  stdout={proc.stdout!r}\n  stderr={proc.stderr!r}")

    good = run(gpalert, "--config", GOOD)
    expect(good.returncode == 0, "valid config exits 0", good)
    expect("2 sources (1 feed, 1 page)" in good.stdout, "summary counts sources", good)
    expect("2 subscribers (1 immediate, 0 daily, 1 weekly)" in good.stdout, "summary counts subscribers", good)
    expect("Maildir " in good.stdout and "state dir " in good.stdout, "summary names mail and state", good)
    expect("kept: sent mail 7 d (rows 14 d), articles 90 d (pending ones up to 180 d), dedup keys 400 d"
           in good.stdout, "summary gives the retention", good)

    with tempfile.TemporaryDirectory() as tmp:
        main_toml = os.path.join(tmp, "main.toml")
        os.makedirs(os.path.join(tmp, "sources.d"))
        with open(main_toml, "w") as f:
            f.write('include = ["sources.d/*.toml"]\n[mail]\nsmtp = "smtp://127.0.0.1:2525"\n')
        with open(os.path.join(tmp, "sources.d", "a.toml"), "w") as f:
            f.write('[[sources]]\nname = "A"\nurl = "https://example.org/"\ninteval = "1h"\n')
        bad = run(gpalert, "--config", main_toml)
        expect(bad.returncode == 2, "broken include exits 2", bad)
        expect(bad.stderr.startswith(os.path.join(tmp, "sources.d", "a.toml") + ":4:1: unknown key \"inteval\""),
               "error names the included file, line and column", bad)
        expect('did you mean "interval"' in bad.stderr, "error hints the nearest key", bad)
        expect(bad.stdout == "", "nothing on stdout on error", bad)

        os.remove(os.path.join(tmp, "sources.d", "a.toml"))
        smtp = run(gpalert, "--config", main_toml)
        expect(smtp.returncode == 0 and "SMTP 127.0.0.1:2525" in smtp.stdout, "SMTP config summarised", smtp)

    # Without --config: $GPALERT_CONFIG, else /etc/gpalert/gpalert.toml.
    env = dict(os.environ, GPALERT_CONFIG=GOOD)
    found = subprocess.run([gpalert, "check"], capture_output=True, text=True, timeout=60, env=env)
    expect(found.returncode == 0 and os.path.abspath(GOOD) in os.path.abspath(found.stdout.split(":")[0]),
           "GPALERT_CONFIG names the config", found)
    env = dict(os.environ, GPALERT_CONFIG="/nonexistent/gpalert.toml")
    missing = subprocess.run([gpalert, "check"], capture_output=True, text=True, timeout=60, env=env)
    expect(missing.returncode == 2, "a missing config is bad usage", missing)
    expect("no config file at /nonexistent/gpalert.toml (give --config FILE, or set GPALERT_CONFIG"
           in missing.stderr, "the error says where it looked and what to do", missing)
    env = {k: v for k, v in os.environ.items() if k != "GPALERT_CONFIG"}
    system = subprocess.run([gpalert, "check"], capture_output=True, text=True, timeout=60, env=env)
    expect("/etc/gpalert/gpalert.toml" in system.stdout + system.stderr,
           "without either, the system config is read", system)

    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print("ok")


if __name__ == "__main__":
    main()
