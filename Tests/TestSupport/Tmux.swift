import Basics

#if canImport(Glibc)
import Glibc
#endif

/// A tmux server of its own (a unique `-L` socket name) running one window with a plain shell,
/// for driving a real terminal program: type keys, read the screen, resize, and check what is
/// left running afterwards.
///
/// The server is killed on deinit. A missing tmux is an error that says how to install it, so
/// tests fail rather than skip.
public final class TmuxSession: @unchecked Sendable {
    // @unchecked: every stored property is immutable after init; tmux itself serialises commands.

    /// The `tmux -L` socket name.
    public let socketName: String
    /// The environment the shell (and what it starts) runs with.
    public let environment: [String: String]

    /// Starts `tmux new-session` with a `bash --norc` shell of `width`×`height` whose prompt is
    /// `$ `, in `directory`, with `environment` added to the shell's.
    public init(width: Int, height: Int, directory: String, environment: [String: String] = [:]) throws {
        try Self.requireTmux()
        self.socketName = "seam-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var shellEnvironment = ProcessEnvironment.current
        // `swift test` runs tests with NO_COLOR set; a terminal under test starts without it
        // (tests that want it pass it in `environment`).
        shellEnvironment.removeValue(forKey: "NO_COLOR")
        shellEnvironment["TERM"] = "xterm-256color"
        for (key, value) in environment { shellEnvironment[key] = value }
        shellEnvironment["PS1"] = "$ "
        self.environment = shellEnvironment
        var arguments = ["-L", self.socketName, "-f", "/dev/null", "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", directory]
        // -e sets the variables in the new window's environment (tmux 3.0 and later).
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        arguments += ["env", "PS1=$ ", "TERM=xterm-256color", "bash", "--norc", "--noprofile"]
        // The tmux server forks from this client and keeps every descriptor the client had, so
        // the client must not get pipes we read to the end (Subprocess.run's would stay open
        // until the server exits): start it detached, output to a log file, and wait for it.
        let log = "/tmp/\(self.socketName).log"
        // A clean signal mask and default dispositions matter here: the test runner's threads block
        // signals, and a tmux server that inherited SIGTERM blocked would ignore `kill-server`
        // (its pane shells SIGHUP). `spawnDetached` gives both, and a session of its own.
        let client = try Subprocess.spawnDetached("tmux", arguments, logPath: log, environment: shellEnvironment)
        let status = Subprocess.wait(client)
        let output = (try? TestFiles.readText(log)) ?? ""
        unlink(log)
        guard status == 0 else { throw SystemError("tmux new-session failed: \(output)", code: EIO) }
        // Keep the window at the size we ask for, whatever clients attach.
        _ = try? self.tmux(["set-option", "-g", "window-size", "manual"])
        _ = try self.waitFor(timeout: .seconds(10)) { $0.contains("$") }
    }

    deinit {
        // Kill the server, and make sure: its pid is known before asking it to exit.
        let serverPID = (try? self.tmux(["display-message", "-p", "#{pid}"])).flatMap { pid_t($0.filter(\.isNumber)) }
        _ = try? Subprocess.run("tmux", ["-L", self.socketName, "kill-server"])
        if let serverPID, !ProcessTable.terminate(serverPID, timeout: .seconds(2)) { kill(serverPID, SIGKILL) }
        let directory = ProcessEnvironment.current["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(self.socketName)")
    }

    /// Fails with an actionable message when tmux is not installed.
    public static func requireTmux() throws {
        guard Subprocess.locate("tmux") != nil else {
            throw SystemError("tmux is needed for the terminal end-to-end tests: apt-get install tmux (or run 'make test-deps')", code: ENOENT)
        }
    }

    /// Runs a tmux command against this server and returns its output.
    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        let result = try Subprocess.run("tmux", ["-L", self.socketName] + arguments)
        guard result.succeeded else {
            throw SystemError("tmux \(arguments.joined(separator: " ")) failed: \(result.errorOutput)", code: EIO)
        }
        return result.output
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `M-x`, `Up`, `q`). After `Escape` it
    /// pauses 300 ms, longer than a terminal program's escape delay with room for a loaded
    /// machine, so the next key is not read as Alt+key (as it would not be when a person types).
    public func send(_ keys: String...) throws {
        var batch: [String] = []
        for key in keys {
            batch.append(key)
            if key == "Escape" {
                try self.tmux(["send-keys", "-t", "0"] + batch)
                batch = []
                usleep(300_000)
            }
        }
        if !batch.isEmpty { try self.tmux(["send-keys", "-t", "0"] + batch) }
    }

    /// Types `text` literally.
    public func type(_ text: String) throws {
        try self.tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// Runs `command` in the shell (types it and presses Enter).
    public func run(_ command: String) throws {
        try self.type(command)
        try self.send("Enter")
    }

    /// The visible screen as text.
    public func capture() throws -> String {
        try self.tmux(["capture-pane", "-p", "-t", "0"])
    }

    /// Polls the screen every 50 ms until `predicate` holds; returns that screen, or throws with
    /// the last screen after `timeout`.
    @discardableResult
    public func waitFor(timeout: Duration = .seconds(20), _ what: String = "the expected screen", _ predicate: (String) -> Bool) throws
        -> String
    {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try self.capture()
            if predicate(screen) { return screen }
            usleep(50_000)
        }
        throw SystemError("timed out waiting for \(what); the screen was:\n\(screen)", code: ETIMEDOUT)
    }

    /// Waits until `text` is on screen.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(20)) throws -> String {
        try self.waitFor(timeout: timeout, "\"\(text)\"") { $0.contains(text) }
    }

    /// Resizes the window.
    public func resize(width: Int, height: Int) throws {
        try self.tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pane's size as tmux sees it.
    public func size() throws -> (width: Int, height: Int) {
        let parts = try self.tmux(["display-message", "-p", "-t", "0", "#{pane_width} #{pane_height}"]).split(separator: " ")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1].filter(\.isNumber)) else {
            throw SystemError("cannot read the pane size", code: EIO)
        }
        return (width, height)
    }

    /// True while the program in the pane uses the alternate screen.
    public func isAlternateScreenOn() throws -> Bool {
        try self.tmux(["display-message", "-p", "-t", "0", "#{alternate_on}"]).hasPrefix("1")
    }

    /// The process id of the pane's shell.
    public func shellPID() throws -> pid_t {
        let text = try self.tmux(["display-message", "-p", "-t", "0", "#{pane_pid}"]).filter(\.isNumber)
        guard let pid = pid_t(text) else { throw SystemError("cannot read the pane's pid", code: EIO) }
        return pid
    }

    /// The processes whose parent is the pane's shell (what the shell is still running).
    public func shellChildren() throws -> [pid_t] {
        let shell = try self.shellPID()
        return ProcessTable.processes().filter { $0.parent == shell }.map(\.pid)
    }
}

/// A look at `/proc`: process ids, parents and command lines.
public enum ProcessTable {
    /// One process.
    public struct Entry: Sendable {
        public var pid: pid_t
        public var parent: pid_t
        public var commandLine: [String]
    }

    /// Every process readable in `/proc`.
    public static func processes() -> [Entry] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name) else { continue }
            guard let status = try? TestFiles.readText("/proc/\(name)/stat") else { continue }
            // The parent is the 4th field, after the parenthesised command name.
            guard let close = status.lastIndex(of: ")") else { continue }
            let fields = status[status.index(after: close)...].split(separator: " ")
            guard fields.count > 2, let parent = pid_t(fields[1]) else { continue }
            let arguments = ((try? TestFiles.read("/proc/\(name)/cmdline")) ?? [])
                .split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            entries.append(Entry(pid: pid, parent: parent, commandLine: arguments))
        }
        return entries
    }

    /// Processes whose command line contains `text` as one argument.
    public static func processes(withArgument text: String) -> [Entry] {
        self.processes().filter { $0.commandLine.contains(text) }
    }

    /// Sends SIGTERM to `pid` and waits up to `timeout` for it to disappear; true when it did.
    @discardableResult
    public static func terminate(_ pid: pid_t, timeout: Duration = .seconds(10)) -> Bool {
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // A zombie still answers kill(0); it is gone once its /proc stat says so or vanishes.
            if kill(pid, 0) != 0 { return true }
            if let stat = try? TestFiles.readText("/proc/\(pid)/stat"), stat.contains(") Z ") { return true }
            usleep(20_000)
        }
        return false
    }
}
