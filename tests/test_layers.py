"""The package's layers: imports run one way, from the adapter down to the registry, with no cycle.

A module may import from its own layer or a lower one. Type-only imports count too: a
cycle hidden behind ``TYPE_CHECKING`` is still a cycle a reader has to untangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cnd_archive

PACKAGE = Path(cnd_archive.__file__).parent
LAYERS = (
    ("errors", "timing", "memo", "workers", "result_codec", "build_cache", "result_store"),
    ("registry",),
    ("layout",),
    ("model",),
    ("references",),
    ("indexes",),
    ("publishing",),
    ("importing", "checking"),
    ("mkdocs_plugin",),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module of the package that ``path`` imports, at any depth of the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path.name}: relative import; write cnd_archive.<layer>.<module>"
            if node.module.startswith("cnd_archive"):
                found |= {f"{node.module}.{alias.name}" if _is_module(node.module, alias.name) else node.module
                          for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("cnd_archive")}
    return found


def _is_module(package: str, name: str) -> bool:
    folder = PACKAGE.parent.joinpath(*package.split("."))
    return (folder / f"{name}.py").exists() or (folder / name / "__init__.py").exists()


def layer_of(module: str) -> str:
    return module.split(".")[1]


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_part_of_the_package_has_a_layer() -> None:
    parts = {layer_of(m) for m in MODULES if m != "cnd_archive"}
    assert parts <= set(RANK), f"give these a layer in LAYERS: {sorted(parts - set(RANK))}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "cnd_archive"))
def test_imports_run_down_the_layers(module: str) -> None:
    upward = [target for target in imported_modules(MODULES[module])
              if target != "cnd_archive" and RANK[layer_of(target)] > RANK[layer_of(module)]]
    assert upward == [], f"{module} imports from a higher layer: {upward}"


def test_no_import_cycle() -> None:
    graph = {m: {t for t in imported_modules(p) if t in MODULES} for m, p in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = path[path.index(module):] + [module]
            pytest.fail("import cycle: " + " -> ".join(cycle))
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_only_the_adapter_imports_mkdocs() -> None:
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        if module != "cnd_archive.mkdocs_plugin":
            assert not any(n == "mkdocs" or n.startswith("mkdocs.") for n in names), module


def test_the_cycle_check_finds_a_cycle(tmp_path: Path) -> None:
    """The checks above must be able to fail: a module importing from a higher layer is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text("from cnd_archive.publishing.publication import Publication\n", encoding="utf-8")
    imported = imported_modules(sample)
    assert imported == {"cnd_archive.publishing.publication"}
    assert RANK[layer_of("cnd_archive.publishing.publication")] > RANK[layer_of("cnd_archive.model.report")]
