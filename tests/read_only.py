"""Run the real ``kg`` with one folder it cannot write, even when the tests run as root.

Root ignores permission bits, so ``chmod`` proves nothing there. As root the
command runs in a private mount namespace (``unshare --mount``) where the
folder is bind-mounted read-only: every write under it fails with EROFS, as
on a read-only share or medium. Other users get ``chmod 555``. Either way the
folder is first checked to be really unwritable, and the test is skipped
with the reason when that cannot be arranged.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import KG

__all__ = ["run_kg_read_only"]

_MOUNT_FAILED, _STILL_WRITABLE = 90, 91
# $1 is the folder; the rest is the command. Exit codes 90/91 say the set-up failed.
_SCRIPT = (f'mount --bind -o ro "$1" "$1" || exit {_MOUNT_FAILED}; '
           f'if touch "$1/.probe" 2>/dev/null; then exit {_STILL_WRITABLE}; fi; shift; exec "$@"')


def run_kg_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """``kg ARGS`` with ``folder`` read-only for it; the folder is writable again afterwards."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            probe = folder / ".probe"
            try:
                probe.touch()
            except PermissionError:
                return subprocess.run(KG + list(args), capture_output=True, text=True, timeout=600)
            probe.unlink()
            pytest.skip(f"chmod 555 does not stop this user writing {folder}")
        finally:
            folder.chmod(0o755)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare(1): cannot make a read-only folder")
    p = subprocess.run(["unshare", "--mount", "sh", "-c", _SCRIPT, "sh", str(folder), *KG, *args],
                       capture_output=True, text=True, timeout=600)
    if p.returncode in (_MOUNT_FAILED, _STILL_WRITABLE):
        pytest.skip(f"cannot bind-mount {folder} read-only here: {p.stderr.strip()}")
    return p
