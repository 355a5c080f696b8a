"""The daemon's commands as a user meets them: --help on each, usage errors exit 2,
`sources` and `preview` before the daemon ever ran say so and exit 0."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
import gpalert_harness as h  # noqa: E402


class DaemonCliTest(h.IntegrationCase):
    def call(self, *args):
        return subprocess.run([self.g.binary, *args], capture_output=True, text=True, timeout=30)

    def test_each_command_has_help(self):
        for command, option in (("run", "--once"), ("sources", "--config"),
                                ("preview", "--subscriber")):
            proc = self.call(command, "--help")
            self.assertEqual(proc.returncode, 0, command)
            self.assertIn(option, proc.stdout, command)

    def test_usage_errors_exit_2(self):
        for args in (("run",), ("run", "--config"), ("sources", "--bogus", "x"),
                     ("preview", "--config", "x.toml"), ("run", "--config", "/nonexistent.toml")):
            proc = self.call(*args)
            self.assertEqual(proc.returncode, 2, (args, proc.stderr))
            self.assertTrue(proc.stderr.strip(), args)

    def test_an_unknown_log_level_is_a_usage_error(self):
        self.g.write_config(sources=[], subscribers=[])
        proc = self.g.run("run", "--once", "--log-level", "chatty", check=False)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("chatty", proc.stderr)

    def test_sources_and_preview_before_the_first_run(self):
        self.g.write_config(sources=[{"name": "Feed", "url": self.site.url("/feed.xml")}],
                            subscribers=[{"email": "r@example.org"}])
        out = self.g.sources()
        self.assertIn("Feed | never polled", out)
        self.assertIn("no state yet", out)
        self.assertFalse(os.path.exists(self.g.state), "sources creates no state")
        proc = self.g.run("preview", "--subscriber", "r@example.org")
        self.assertEqual(proc.stdout, "")
        self.assertIn("nothing pending", proc.stderr)


if __name__ == "__main__":
    h.main()
