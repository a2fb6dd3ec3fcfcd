"""What runs after a restore. The privacy app replays the erasures made after the backup was
taken (APPI art. 35: an erased person must not come back with an older backup); core cannot
import it (the layering), so it registers its replay here from its `ready()`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (the backup's manifest) -> a line saying what was done, for the command's output.
AfterRestore = Callable[[dict[str, Any]], str]

_after_restore: list[AfterRestore] = []


def after_restore_register(hook: AfterRestore) -> None:
    if hook not in _after_restore:
        _after_restore.append(hook)


def after_restore_run(manifest: dict[str, Any]) -> list[str]:
    """Run every registered hook on the freshly restored database, in its own transaction
    (a hook that fails leaves the restored rows in place and says so)."""
    return [hook(manifest) for hook in _after_restore]
