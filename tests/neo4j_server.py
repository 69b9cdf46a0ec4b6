"""A real, throwaway Neo4j 5.26 for the tests and the benchmark.

The launcher under ``tests/neo4j/`` (one Java class, built with Maven) runs
the embedded database with its Bolt connector on a free local port and a
fresh data folder. ``tests/conftest.py`` imports the session fixture
``neo4j_server``; the benchmark uses :func:`start_neo4j` directly.
:func:`admin_tool` runs ``neo4j-admin`` from the same Maven artifacts (the
bulk importer), on a data folder a :class:`Neo4jServer` then serves.

With ``CI=true`` a server that cannot be built or started fails the tests;
elsewhere a machine without Java or Maven skips them with the reason.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__ = ["LAUNCHER_DIR", "Neo4jServer", "admin_tool", "build_launcher", "neo4j_server", "start_neo4j"]

LAUNCHER_DIR = Path(__file__).resolve().parent / "neo4j"
USER = "neo4j"
# Only for throwaway servers on 127.0.0.1; never a real deployment's password.
PASSWORD = "govkg-test-password"
START_TIMEOUT = 180.0
BUILD_TIMEOUT = 900.0


class Neo4jUnavailable(RuntimeError):
    """The launcher could not be built or started."""


def _launcher_is_current() -> bool:
    built = LAUNCHER_DIR / "target" / "classes" / "govkg" / "Neo4jLauncher.class"
    lib = LAUNCHER_DIR / "target" / "lib"
    if not built.exists() or not lib.is_dir() or not any(lib.glob("neo4j-5.26.*.jar")):
        return False
    sources = [LAUNCHER_DIR / "pom.xml", *LAUNCHER_DIR.glob("src/**/*.java")]
    return built.stat().st_mtime >= max(p.stat().st_mtime for p in sources)


def build_launcher() -> None:
    """Build the launcher with Maven unless the build is newer than its sources.

    Raises
    ------
    Neo4jUnavailable
        If Maven is missing or the build fails.
    """
    if _launcher_is_current():
        return
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jUnavailable("Maven (mvn) is not installed; it builds the Neo4j launcher in tests/neo4j")
    done = subprocess.run(
        [mvn, "-q", "-B", "-Dstyle.color=never", "package"], cwd=LAUNCHER_DIR, capture_output=True, text=True, timeout=BUILD_TIMEOUT
    )
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-20:]
        raise Neo4jUnavailable("mvn package failed in tests/neo4j:\n" + "\n".join(tail))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Neo4jServer:
    """One launcher process; unpacks as ``uri, user, password``.

    ``stop()`` and ``start()`` keep the port and data folder, so a test can
    take the server away in the middle of a push and bring it back.
    """

    def __init__(self, data_dir: Path, port: int | None = None, password: str = PASSWORD) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.user = USER
        self.password = password
        self.uri = f"bolt://127.0.0.1:{self.port}"
        self.log_path = self.data_dir.parent / f"{self.data_dir.name}-launcher.log"
        self._proc: subprocess.Popen[str] | None = None

    def __iter__(self) -> Iterator[str]:
        return iter((self.uri, self.user, self.password))

    def __repr__(self) -> str:
        return f"Neo4jServer({self.uri!r}, data_dir={str(self.data_dir)!r})"

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def cpu_seconds(self) -> float | None:
        """CPU time the server's JVM has used so far (user and system), or ``None`` if it is not
        running or the system does not say (Linux's ``/proc`` does)."""
        if not self.running:
            return None
        try:
            fields = Path(f"/proc/{self._proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def start(self, timeout: float = START_TIMEOUT) -> None:
        """Start the launcher and wait for its ``READY`` line."""
        java = shutil.which("java")
        if java is None:
            raise Neo4jUnavailable("Java is not installed; the test Neo4j needs Java 17")
        classpath = os.pathsep.join([str(LAUNCHER_DIR / "target" / "classes"), str(LAUNCHER_DIR / "target" / "lib" / "*")])
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        command = [java, "-Xms256m", "-Xmx1g", "-XX:+UseSerialGC", "-cp", classpath, "govkg.Neo4jLauncher",
                   "--port", str(self.port), "--data", str(self.data_dir), "--watch-stdin"]
        log = open(self.log_path, "a", encoding="utf-8")
        # stdin stays open while we run: if pytest dies, the launcher sees EOF and stops.
        self._proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                      text=True, env=env)
        log.close()
        ready = threading.Event()
        lines: list[str] = []

        def _read() -> None:
            assert self._proc is not None and self._proc.stdout is not None
            for line in self._proc.stdout:
                lines.append(line.strip())
                if line.startswith("READY "):
                    ready.set()

        threading.Thread(target=_read, daemon=True).start()
        deadline = timeout
        while not ready.wait(0.2):
            deadline -= 0.2
            if self._proc.poll() is not None or deadline <= 0:
                self.stop()
                log_tail = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
                raise Neo4jUnavailable(f"Neo4j did not start on {self.uri} within {timeout:.0f} s; launcher log "
                                       f"{self.log_path}:\n" + "\n".join(log_tail))

    def stop(self, timeout: float = 60.0) -> None:
        """Stop the launcher (SIGTERM, then SIGKILL after ``timeout`` s)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def admin_tool(data_dir: Path) -> tuple[list[str], dict[str, str]]:
    """``neo4j-admin`` from the launcher's Maven artifacts, as a command and its environment.

    It acts on the databases of ``data_dir`` (its ``NEO4J_HOME``), the
    folder a ``Neo4jServer(data_dir)`` serves, so a database imported there
    is the one the server opens. Builds the launcher if needed.
    """
    build_launcher()
    java = shutil.which("java")
    if java is None:
        raise Neo4jUnavailable("Java is not installed; neo4j-admin needs Java 17")
    conf = Path(data_dir) / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    classpath = os.pathsep.join([str(LAUNCHER_DIR / "target" / "classes"), str(LAUNCHER_DIR / "target" / "lib" / "*")])
    env = {**os.environ, "NEO4J_HOME": str(data_dir), "NEO4J_CONF": str(conf)}
    return [java, "-Xmx1g", "-XX:+UseSerialGC", "-cp", classpath, "org.neo4j.cli.AdminTool"], env


def start_neo4j(data_dir: Path | None = None) -> Neo4jServer:
    """Build the launcher if needed and start a server on a free port."""
    build_launcher()
    server = Neo4jServer(Path(data_dir or tempfile.mkdtemp(prefix="govkg-neo4j-")) / "data")
    server.start()
    return server


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the Neo4j tests, but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A real Neo4j for the whole session: yields ``(uri, user, password)``.

    Fails under ``CI=true`` when Neo4j cannot be started; elsewhere skips
    only when Java or Maven is missing.
    """
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        _unavailable(f"{' and '.join(missing)} not installed; the Neo4j tests need Java 17 and Maven")
    try:
        server = start_neo4j(tmp_path_factory.mktemp("neo4j"))
    except (Neo4jUnavailable, subprocess.TimeoutExpired) as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the Neo4j tests, but Neo4j could not start: {exc}", pytrace=False)
        raise
    try:
        yield server
    finally:
        server.stop()
