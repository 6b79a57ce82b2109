#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport

/// A TCP listener on 127.0.0.1 that forwards every connection to a Unix socket, run as a real
/// python3 process, so the client's TCP path reaches a real engine.
final class TCPForwarder {
    let port: Int
    private let pid: pid_t
    private let directory: TemporaryDirectory

    init(to socketPath: String) throws {
        self.directory = try TemporaryDirectory("fwd")
        let script = """
            import socket, threading, sys
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", 0))
            listener.listen(16)
            open(sys.argv[2] + ".tmp", "w").write(str(listener.getsockname()[1]))
            import os; os.rename(sys.argv[2] + ".tmp", sys.argv[2])
            def pump(a, b):
                try:
                    while True:
                        data = a.recv(65536)
                        if not data: break
                        b.sendall(data)
                except OSError: pass
                try: b.shutdown(socket.SHUT_WR)
                except OSError: pass
            while True:
                client, _ = listener.accept()
                upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                upstream.connect(sys.argv[1])
                threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
                threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
            """
        let scriptPath = try self.directory.write("forward.py", script)
        let portPath = self.directory.appending("port")
        guard Subprocess.locate("python3") != nil else {
            throw SystemError("python3 is needed for the TCP test: install python3", code: ENOENT)
        }
        self.pid = try Subprocess.spawnDetached("python3", [scriptPath, socketPath, portPath], logPath: self.directory.appending("log"))
        var port: Int?
        for _ in 0..<100 {
            if let text = try? TestFiles.readText(portPath), let value = Int(text) {
                port = value
                break
            }
            usleep(50_000)
        }
        guard let port else {
            kill(self.pid, SIGKILL)
            _ = Subprocess.wait(self.pid)
            throw SystemError("the TCP forwarder did not start: \((try? TestFiles.readText(self.directory.appending("log"))) ?? "")", code: ETIMEDOUT)
        }
        self.port = port
    }

    deinit {
        kill(self.pid, SIGKILL)
        _ = Subprocess.wait(self.pid)
    }
}
