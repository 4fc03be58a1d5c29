"""The site's configuration as the archive needs it, read from mkdocs.yml without running anything.

MkDocs reads mkdocs.yml with a loader that constructs Python objects from tags, so a pull
request that changed it could run code in the build. The checker runs before any build and
reads it here instead: a safe loader that knows MkDocs's own tags (``!ENV``, ``!relative``)
and Material's ``!!python/name:`` for a few named functions, keeps them as text, and refuses
every other tag at its line. Nothing is imported or called.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cnd_archive.errors import Problem
from cnd_archive.publishing.permalink_record import RECORD_FILE
from cnd_archive.publishing.search_shards import SHARD_PAGES
from cnd_archive.references.symbols import DEFAULT_RESOLVER
from cnd_archive.registry.bodies import Body, BodiesError, all_bodies, read_bodies

CONFIG_FILE = "mkdocs.yml"
PLUGIN_NAME = "cnd-archive"
PYTHON_NAMES = frozenset({
    "material.extensions.emoji.twemoji", "material.extensions.emoji.to_svg",
    "pymdownx.superfences.fence_code_format", "pymdownx.superfences.fence_div_format",
})
"""The functions Material's documentation names in ``!!python/name:`` tags: text here, never imported."""


@dataclass(frozen=True)
class Web:
    """The site's address and its repository's, as mkdocs.yml gives them (either may be unset)."""

    site_url: str | None = None
    """The published site's address, ending in "/" (a GitHub Pages project site is under a path)."""
    repo_url: str | None = None
    """The repository on GitHub, whose issues take reports of problems."""
    site_name: str = "the archive"

    @classmethod
    def of(cls, site_url: object, repo_url: object, site_name: object = None) -> Web:
        def address(value: object) -> str | None:
            return str(value).rstrip("/") + "/" if isinstance(value, str) and value.strip() else None
        name = site_name if isinstance(site_name, str) and site_name.strip() else cls.site_name
        return cls(address(site_url), address(repo_url), name)

    def absolute(self, url: str) -> str | None:
        """A site-relative URL ("honlac/27/#para_6") as an address on the web."""
        return self.site_url + url.removeprefix("./") if self.site_url else None


@dataclass(frozen=True)
class Project:
    """A project folder: where its content, permalink record and bodies are, and its plugin options."""

    root: Path
    docs_dir: Path
    resolver_base: str = DEFAULT_RESOLVER
    record: Path = Path(RECORD_FILE)
    bodies: Path | None = None
    """The site's own bodies.yml, when mkdocs.yml names one."""
    assets: frozenset[str] = frozenset()
    """The site's own styles and scripts (extra_css, extra_javascript in mkdocs.yml)."""
    search_index: bool = True
    search_shard_pages: int = SHARD_PAGES
    """At most this many meeting pages in a search index (``search_shards.py``)."""
    web: Web = field(default_factory=lambda: Web())
    """Where the site and its repository are on the web (``site_url``, ``repo_url``)."""

    def known_bodies(self) -> tuple[Body, ...]:
        """The bodies the site holds; raises BodiesError when its own bodies.yml cannot be read."""
        return read_bodies(self.bodies) if self.bodies else all_bodies()

    def readable_bodies(self) -> tuple[tuple[Body, ...], list[Problem]]:
        """The bodies, or the package's own and the problem with the site's bodies.yml."""
        try:
            return self.known_bodies(), []
        except BodiesError as error:
            shown = os.path.relpath(error.path, self.root) if os.path.isabs(error.path) else error.path
            return all_bodies(), [Problem(shown, error.line, error.message,
                                          "give the plugin's 'bodies' option a YAML list like data/bodies.yml")]

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project as its mkdocs.yml describes it; a config that cannot be read safely gives the
        defaults (``read_project`` says what is wrong with it)."""
        return read_project(root)[0]

    @classmethod
    def of_options(cls, root: Path, docs_dir: Path, options: dict[str, Any], assets: frozenset[str],
                   web: Web | None = None) -> Project:
        """The project from the plugin's options, however they were read (by MkDocs, or here)."""
        bodies = options.get("bodies")
        return cls(root, docs_dir, str(options.get("resolver_base") or DEFAULT_RESOLVER),
                   root / str(options.get("permalinks") or RECORD_FILE), root / str(bodies) if bodies else None,
                   assets, bool(options.get("search_index", True)), _shard_pages(options), web or Web())


def _shard_pages(options: dict[str, Any]) -> int:
    value = options.get("search_shard_pages")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else SHARD_PAGES


def read_project(root: Path) -> tuple[Project, list[Problem]]:
    path = root / CONFIG_FILE
    config, problems = read_config(path, CONFIG_FILE)
    options: dict[str, Any] = {}
    for plugin in config.get("plugins", []) or []:
        if isinstance(plugin, dict) and isinstance(plugin.get(PLUGIN_NAME), dict):
            options = plugin[PLUGIN_NAME]
    scripts = [s.get("path") if isinstance(s, dict) else s for s in _list(config.get("extra_javascript"))]
    assets = frozenset(str(a) for a in [*_list(config.get("extra_css")), *scripts] if a)
    web = Web.of(config.get("site_url"), config.get("repo_url"), config.get("site_name"))
    return Project.of_options(root, root / str(config.get("docs_dir") or "docs"), options, assets, web), problems


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def read_config(path: Path, shown: str) -> tuple[dict[str, Any], list[Problem]]:
    """mkdocs.yml as a mapping, and what keeps it from being read (each at its line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, [Problem(shown, 1, "there is no mkdocs.yml here", "run from the project's root, or pass --project")]
    except (OSError, UnicodeDecodeError) as error:
        return {}, [Problem(shown, 1, f"mkdocs.yml cannot be read: {error}", "save it as UTF-8 text")]
    try:
        config = yaml.load(text, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        return {}, [_yaml_problem(error, shown)]
    except yaml.YAMLError as error:
        return {}, [Problem(shown, 1, f"invalid YAML: {error}", "fix the syntax")]
    if not isinstance(config, dict):
        return {}, [Problem(shown, 1, "mkdocs.yml is not a mapping", "write it as 'key: value' lines")]
    return config, []


def _yaml_problem(error: yaml.MarkedYAMLError, shown: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    summary = str(error.problem or error).strip()
    if "could not determine a constructor" in summary or "not allowed" in summary:
        return Problem(shown, line, f"YAML tag not allowed ({summary})",
                       "mkdocs.yml may use !ENV, !relative and !!python/name: for "
                       + ", ".join(sorted(PYTHON_NAMES)) + " only", column)
    return Problem(shown, line, f"invalid YAML: {summary}", "fix the syntax", column)


class _ConfigLoader(yaml.SafeLoader):
    """The safe loader with MkDocs's tags as values; no tag ever constructs an object."""


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # MkDocs's !ENV: a variable's value, or the first set of several, or the last item as default.
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else \
        loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    if suffix not in PYTHON_NAMES:
        raise yaml.constructor.ConstructorError(None, None, f"!!python/name:{suffix} is not allowed",
                                                node.start_mark)
    return f"!!python/name:{suffix}"


_ConfigLoader.add_constructor("!ENV", _environment)
_ConfigLoader.add_constructor("!relative", _relative)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
