"""Without Java or PySpark, or with an archive it cannot use, --engine spark is one line and exit 2 (no JVM
is started here)."""

from __future__ import annotations

import os
import subprocess
import sys


def newskit(*args, env=None):
    return subprocess.run([sys.executable, "-m", "newskit", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def assert_refused(run, says: str = "") -> None:
    """Bad input: exit 2, nothing on stdout, one line on stderr (naming ``says``)."""
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip().count("\n") == 0 and says in run.stderr, run.stderr


def test_no_java_is_one_line_and_exit_2(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("县图书馆少儿阅览室经过两个月装修重新开放，新增绘本两千余册和十台电子阅读终端。\n", encoding="utf-8")
    bin_dir = tmp_path / "bin"  # a PATH with this Python and nothing else
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(bin_dir)
    run = newskit("dedupe", str(page), "--engine", "spark", env=env)
    assert_refused(run, "Java runtime")


def test_no_pyspark_through_the_cli(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("县图书馆少儿阅览室经过两个月装修重新开放，新增绘本两千余册和十台电子阅读终端。\n", encoding="utf-8")
    hide = tmp_path / "hide"  # a sitecustomize that makes pyspark unfindable, as in an install without the extra
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(
        "import sys\nclass _Hide:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'pyspark' or name.startswith('pyspark.'):\n            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, _Hide())\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(hide), os.environ.get("PYTHONPATH", "")])}
    run = newskit("dedupe", str(page), "--engine", "spark", env=env)
    assert_refused(run, "newskit[spark]")


def test_an_sqlite_archive_with_the_spark_engine_points_to_export(tmp_path):
    from newskit.dedupe.archive import Archive

    page = tmp_path / "page.txt"
    page.write_text("县图书馆少儿阅览室经过两个月装修重新开放，新增绘本两千余册和十台电子阅读终端。\n", encoding="utf-8")
    with Archive.open(tmp_path / "a.db", create=True):
        pass
    for args in (["--against", str(tmp_path / "a.db")], ["--against", str(tmp_path / "missing")]):
        run = newskit("dedupe", str(page), "--engine", "spark", *args)
        assert_refused(run)
    assert "newskit archive export" in newskit("dedupe", str(page), "--engine", "spark", "--against",
                                              str(tmp_path / "a.db")).stderr
