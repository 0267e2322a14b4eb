"""Set-up and exposure as a user meets them: scripts/setup.sh in a temporary copy of the repository with a fake
pip (never a real install), the README's two commands against what CI runs, the server config, the first-run
build in the terminal, and PNG export on a machine without Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASH = shutil.which("bash")
# What setup.sh needs besides bash built-ins and the python it is given.
TOOLS = ("dirname", "rm", "cat", "env")


def _fake_python(path: Path, log: Path, *, pip_exit: int = 0, ensurepip: bool = True) -> None:
    """A python that logs `-m pip ...` instead of installing and answers everything else with the real one."""
    no_ensurepip = (
        "" if ensurepip else 'if [ "$1" = "-c" ] && [ "$2" = "import ensurepip" ]; then exit 1; fi\n'
    )
    make_venv = (
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python"; '
        f'echo "venv $3" >> "{log}"; exit 0; fi\n'
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "#!/bin/sh\n"
        + no_ensurepip
        + make_venv
        + f'if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then shift 2; echo "pip $*" >> "{log}"; exit {pip_exit}; fi\n'
        + f'exec "{sys.executable}" "$@"\n'
    )
    path.chmod(0o755)


def _logger(path: Path, log: Path, output: str = "", code: int = 0) -> None:
    path.write_text(f'#!/bin/sh\necho "{path.name} $*" >> "{log}"\nprintf "{output}"\nexit {code}\n')
    path.chmod(0o755)


@pytest.fixture
def repo(tmp_path):
    """A copy of what setup.sh reads, and a bin/ that is the whole PATH: no sudo, no apt-get, no chromium."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "setup.sh", root / "scripts" / "setup.sh")
    shutil.copy(ROOT / "requirements.txt", root / "requirements.txt")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "mkdir").symlink_to(shutil.which("mkdir"))
    (bin_dir / "cp").symlink_to(shutil.which("cp"))
    return root


def _run(repo: Path, *args: str, uid: int = 1000) -> subprocess.CompletedProcess:
    bin_dir = repo.parent / "bin"
    _logger(bin_dir / "id", repo.parent / "calls.log", output=f"{uid}\\n")
    env = {"PATH": str(bin_dir), "HOME": str(repo.parent), "PYTHON": "python3"}
    return subprocess.run(
        [BASH, str(repo / "scripts" / "setup.sh"), *args],
        cwd=repo.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _calls(repo: Path, prefix: str) -> list[str]:
    log = repo.parent / "calls.log"
    lines = log.read_text().splitlines() if log.exists() else []
    return [line for line in lines if line.startswith(prefix)]


def test_second_setup_skips_pip_until_requirements_change(repo):
    _fake_python(repo.parent / "bin" / "python3", repo.parent / "calls.log")
    first = _run(repo)
    assert first.returncode == 0, first.stderr
    assert _calls(repo, "venv ") == [f"venv {'.venv'}"]
    installs = _calls(repo, "pip ")
    assert len(installs) == 2 and "-r requirements.txt" in installs[1], installs
    assert re.fullmatch(r"pip==[\d.]+", installs[0].split()[-1]), installs[0]  # pip pinned, then requirements
    assert (repo / ".venv" / ".requirements.sha256").is_file()

    second = _run(repo)
    assert second.returncode == 0, second.stderr
    assert len(_calls(repo, "pip ")) == 2, "the second run installed again"
    assert "up to date" in second.stderr
    assert len(_calls(repo, "venv ")) == 1, "the second run made a new venv"

    with open(repo / "requirements.txt", "a") as fh:
        fh.write("tomli-w==1.2.0\n")
    third = _run(repo)
    assert third.returncode == 0 and len(_calls(repo, "pip ")) == 4, third.stderr

    forced = _run(repo, "--force")
    assert forced.returncode == 0 and len(_calls(repo, "pip ")) == 6


def test_failed_install_is_not_recorded_as_done(repo):
    _fake_python(repo.parent / "bin" / "python3", repo.parent / "calls.log", pip_exit=1)
    assert _run(repo).returncode != 0
    assert not (repo / ".venv" / ".requirements.sha256").exists()
    _fake_python(repo / ".venv" / "bin" / "python", repo.parent / "calls.log")  # the network is back
    assert _run(repo).returncode == 0
    assert len(_calls(repo, "pip ")) == 3  # the failed pin, then the pin and the requirements again


def test_no_ensurepip_without_root_says_what_is_missing(repo):
    _fake_python(repo.parent / "bin" / "python3", repo.parent / "calls.log", ensurepip=False)
    done = _run(repo, uid=1000)
    assert done.returncode == 1
    assert "ensurepip" in done.stderr and "python3-venv" in done.stderr
    assert "apt-get install -y python3-venv" in done.stderr
    assert not (repo / ".venv").exists() and not _calls(repo, "pip ")


def test_no_ensurepip_as_root_installs_python3_venv(repo):
    bin_dir = repo.parent / "bin"
    _fake_python(bin_dir / "python3", repo.parent / "calls.log", ensurepip=False)
    _logger(bin_dir / "apt-get", repo.parent / "calls.log")
    done = _run(repo, uid=0)
    apt = _calls(repo, "apt-get ")
    assert apt[0].startswith("apt-get update") and "install -y" in apt[1] and "python3-venv" in apt[1], apt
    # Our fake still lacks ensurepip after the install: the script says so instead of going on.
    assert done.returncode == 1 and "ensurepip" in done.stderr


def test_test_extras_without_root_say_what_was_not_installed(repo):
    _fake_python(repo.parent / "bin" / "python3", repo.parent / "calls.log")
    _logger(repo.parent / "bin" / "apt-get", repo.parent / "calls.log")
    done = _run(repo, "--test", uid=1000)
    assert done.returncode == 0, (
        done.stderr
    )  # the dashboard still works: only PNG export and browser tests skip
    assert "could not install chromium" in done.stderr and "no sudo" in done.stderr
    assert "skipped" in done.stderr and not _calls(repo, "apt-get ")


def test_viewing_the_dashboard_never_installs_chromium(repo):
    bin_dir = repo.parent / "bin"
    _fake_python(bin_dir / "python3", repo.parent / "calls.log")
    _logger(bin_dir / "apt-get", repo.parent / "calls.log")
    assert _run(repo, uid=0).returncode == 0
    assert not _calls(repo, "apt-get "), "set-up without --test ran apt-get"
    assert _run(repo, "--test", uid=0).returncode == 0
    assert any("chromium" in c for c in _calls(repo, "apt-get install")), _calls(repo, "apt-get")


# --- the README's commands, CI, the server config -----------------------------------------------------------


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(title)}.*?$(.*?)(?=^## )", text, re.S | re.M)
    assert m, f"README has no section {title!r}"
    return m.group(1)


def _commands(script: Path) -> list[str]:
    lines = script.read_text().splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def test_readme_has_two_setup_commands_and_ci_runs_the_test_one():
    blocks = re.findall(r"```bash\n(.*?)```", _section("Set-up on a fresh machine"), re.S)
    assert len(blocks) == 2, blocks
    dashboard, tests = (b.strip() for b in blocks)
    assert dashboard == "bash scripts/dashboard.sh"
    assert tests == "bash scripts/test.sh"
    assert tests in _commands(ROOT / ".ci" / "run")
    test_sh = _commands(ROOT / "scripts" / "test.sh")
    assert "bash scripts/setup.sh --test || exit 1" in test_sh
    assert any("ruff check ." in c for c in test_sh) and any("ruff format --check ." in c for c in test_sh)
    assert any("pytest" in c for c in test_sh) and '[ "$code" -eq 5 ]' in " ".join(test_sh)
    dash_sh = _commands(ROOT / "scripts" / "dashboard.sh")
    assert dash_sh.index("bash scripts/setup.sh") < dash_sh.index(".venv/bin/python -m core.ingest.bootstrap")
    assert dash_sh[-1].startswith("exec .venv/bin/python -m streamlit run dashboard.py")


def test_server_binds_loopback_and_hides_error_details():
    from streamlit import config

    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert cfg["server"]["address"] == "127.0.0.1"
    assert cfg["client"]["showErrorDetails"] == "none"  # `false` would still show the traceback
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)  # Streamlit reads .streamlit/config.toml from the working directory
        config.get_config_options(force_reparse=True)
        assert config.get_option("client.showErrorDetails") == "none"
        assert config.get_option("server.address") == "127.0.0.1"
        assert config.get_option("client.toolbarMode") == "viewer"  # no "Deploy" button for analysts
    finally:
        os.chdir(cwd)
        config.get_config_options(force_reparse=True)


# --- the store built in the terminal -------------------------------------------------------------------------


def test_bootstrap_builds_in_the_terminal_then_reuses_then_resets(tmp_path, monkeypatch, capsys):
    from core.ingest import bootstrap
    from core.ingest import run as ingest

    seen = []

    def fake_ingest(paths, db, **kwargs):
        seen.append(kwargs)
        return ingest.Summary(new=1)

    monkeypatch.setattr(ingest, "ingest_paths", fake_ingest)
    path = tmp_path / "news.db"
    assert bootstrap.main(["--db", str(path)]) == 0
    assert path.is_file() and seen[-1]["progress"] is True  # a tqdm bar in the terminal
    assert "Building" in capsys.readouterr().err

    assert bootstrap.main(["--db", str(path)]) == 0
    assert len(seen) == 1 and "Store ready" in capsys.readouterr().err

    assert bootstrap.main(["--db", str(path), "--reset"]) == 0
    assert len(seen) == 2 and "Deleted" in capsys.readouterr().err


def test_interrupted_first_build_leaves_nothing_the_next_start_would_trust(tmp_path, monkeypatch):
    from core.ingest import bootstrap
    from core.ingest import run as ingest

    def interrupted(paths, db, **kwargs):
        db.execute("CREATE TABLE half_written (x)")
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "ingest_paths", interrupted)
    path = tmp_path / "news.db"
    with pytest.raises(KeyboardInterrupt):
        bootstrap.build_default_store(path)
    assert bootstrap.needs_build(path)
    assert list(tmp_path.iterdir()) == []  # no half store, no temporary file


# --- PNG export on a machine without Chromium ----------------------------------------------------------------


@pytest.fixture
def no_chromium(monkeypatch):
    from choreographer.browsers import Chromium

    monkeypatch.setattr(Chromium, "find_browser", classmethod(lambda cls, **kw: None))


def test_png_without_chromium_says_what_is_missing_at_once(no_chromium):
    import plotly.graph_objects as go

    from core.app import export

    with pytest.raises(RuntimeError, match="apt-get install -y chromium fonts-noto-core"):
        export.png(go.Figure(go.Bar(x=[1], y=[1])))  # before this check: a render that waited forever


def test_png_buttons_explain_a_missing_chromium(no_chromium, tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from core.app import export
    from tests.dashboard_fixtures import build_store

    monkeypatch.setenv("NEWS_DB", str(build_store(tmp_path / "news.db")))
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    buttons = [b.proto for b in at.get("download_button")]
    png = [b for b in buttons if "PNG" in b.label or "briefing" in b.label.lower()]
    assert png, [b.label for b in buttons]
    assert all(b.disabled and b.help == export.MISSING_CHROMIUM for b in png)
    csv = [b for b in buttons if "CSV" in b.label]
    assert csv and not any(b.disabled for b in csv)  # the rest of the page works as before
    st.cache_data.clear()
