import CSeamSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs other programs (git, tsc, tmux, the engine) with posix_spawn.
///
/// Output is collected from both pipes with `poll` so a chatty child never deadlocks on a full
/// pipe. Nothing here touches the cooperative thread pool: callers run it on their own threads or
/// in detached tasks.
public enum Subprocess {
    /// The outcome of a finished child.
    public struct Result: Sendable {
        /// Exit status, or 128 + signal number when the child was killed by a signal.
        public var status: Int32
        public var standardOutput: [UInt8]
        public var standardError: [UInt8]

        /// Standard output decoded as UTF-8 (invalid bytes replaced).
        public var output: String { String(decoding: self.standardOutput, as: UTF8.self) }
        /// Standard error decoded as UTF-8 (invalid bytes replaced).
        public var errorOutput: String { String(decoding: self.standardError, as: UTF8.self) }
        public var succeeded: Bool { self.status == 0 }
    }

    /// Runs `executable` (a path, or a name looked up on `PATH`) to completion.
    ///
    /// - Parameters:
    ///   - directory: working directory of the child; the parent's when nil.
    ///   - environment: the child's whole environment; the parent's when nil.
    ///   - input: bytes written to the child's standard input, which is then closed.
    public static func run(
        _ executable: String,
        _ arguments: [String],
        directory: String? = nil,
        environment: [String: String]? = nil,
        input: [UInt8] = []
    ) throws(SystemError) -> Result {
        guard let path = self.locate(executable, environment: environment) else {
            throw SystemError("cannot find '\(executable)' on PATH", code: ENOENT)
        }
        var stdinPipe: [Int32] = [-1, -1]
        var stdoutPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0 else { throw SystemError("pipe") }
        guard pipe(&stdoutPipe) == 0 else {
            close(stdinPipe[0]); close(stdinPipe[1])
            throw SystemError("pipe")
        }
        guard pipe(&stderrPipe) == 0 else {
            close(stdinPipe[0]); close(stdinPipe[1]); close(stdoutPipe[0]); close(stdoutPipe[1])
            throw SystemError("pipe")
        }
        for descriptor in [stdinPipe[1], stdoutPipe[0], stderrPipe[0]] {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        if let directory {
            _ = cs_spawn_file_actions_addchdir(&actions, directory)
        }
        // The child keeps only 0, 1 and 2: the originals of the pipe ends (and any socket of
        // this process) would otherwise keep the pipes open in a daemon the child forks.
        _ = cs_spawn_file_actions_addclosefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        _ = cs_spawnattr_reset_signals(&attributes)
        let pid: pid_t
        do {
            pid = try self.spawn(path, arguments, environment: environment, actions: &actions, attributes: &attributes)
        } catch {
            for descriptor in stdinPipe + stdoutPipe + stderrPipe { close(descriptor) }
            throw error
        }
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        let (output, errorOutput) = self.pump(input: input, to: stdinPipe[1], from: stdoutPipe[0], and: stderrPipe[0])
        return Result(status: self.wait(pid), standardOutput: output, standardError: errorOutput)
    }

    /// Starts `executable` in a new session, detached from this terminal, with standard input from
    /// /dev/null and output appended to `logPath`. Returns its process id; the caller does not wait.
    public static func spawnDetached(
        _ executable: String,
        _ arguments: [String],
        logPath: String,
        environment: [String: String]? = nil
    ) throws(SystemError) -> pid_t {
        guard let path = self.locate(executable, environment: environment) else {
            throw SystemError("cannot find '\(executable)'", code: ENOENT)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        _ = cs_spawn_file_actions_addclosefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, cs_spawn_setsid_flag())
        _ = cs_spawnattr_reset_signals(&attributes)
        return try self.spawn(path, arguments, environment: environment, actions: &actions, attributes: &attributes)
    }

    /// Runs `executable` on this process's terminal (standard input, output and error shared)
    /// with default signal dispositions and an empty signal mask, as a shell would start it, and
    /// waits for it: for an editor the user works in. Returns its exit status (128 + signal).
    public static func runInTerminal(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws(SystemError) -> Int32 {
        guard let path = self.locate(executable, environment: environment) else {
            throw SystemError("cannot find '\(executable)'", code: ENOENT)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        _ = cs_spawn_file_actions_addclosefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        _ = cs_spawnattr_reset_signals(&attributes)
        let pid = try self.spawn(path, arguments, environment: environment, actions: &actions, attributes: &attributes)
        return self.wait(pid)
    }

    /// Waits for `pid` and returns its exit status (128 + signal when killed).
    public static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return self.decode(status)
    }

    /// Returns the exit status if `pid` has finished, nil if it is still running.
    public static func exitStatusIfFinished(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        if result < 0 { return -1 }
        return self.decode(status)
    }

    /// The absolute path of `name`: itself when it contains a slash, else the first match on PATH.
    public static func locate(_ name: String, environment: [String: String]? = nil) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let searchPath = (environment ?? ProcessEnvironment.current)["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 && !FileSystem.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff }
        return 128 + signal
    }

    private static func spawn(
        _ path: String,
        _ arguments: [String],
        environment: [String: String]?,
        actions: inout posix_spawn_file_actions_t,
        attributes: UnsafePointer<posix_spawnattr_t>?
    ) throws(SystemError) -> pid_t {
        let argv = ([path] + arguments).map { strdup($0) }
        let environmentEntries = (environment ?? ProcessEnvironment.current).map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in environmentEntries { free(pointer) }
        }
        var argvPointers = argv + [nil]
        var environmentPointers = environmentEntries + [nil]
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, attributes, &argvPointers, &environmentPointers)
        guard result == 0 else { throw SystemError("cannot start \(path)", code: result) }
        return pid
    }

    private static func pump(input: [UInt8], to inputFD: Int32, from outputFD: Int32, and errorFD: Int32)
        -> ([UInt8], [UInt8])
    {
        var output: [UInt8] = []
        var errorOutput: [UInt8] = []
        var inputOffset = 0
        var writeFD: Int32 = inputFD
        if input.isEmpty {
            close(inputFD)
            writeFD = -1
        } else {
            _ = fcntl(inputFD, F_SETFL, fcntl(inputFD, F_GETFL) | O_NONBLOCK)
        }
        var openOutputs: Set<Int32> = [outputFD, errorFD]
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Writing to a child that exited would raise SIGPIPE; ignore it for the whole process.
        signal(SIGPIPE, SIG_IGN)
        while !openOutputs.isEmpty || writeFD >= 0 {
            var descriptors: [pollfd] = openOutputs.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if writeFD >= 0 { descriptors.append(pollfd(fd: writeFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for descriptor in descriptors where descriptor.revents != 0 {
                if descriptor.fd == writeFD {
                    let written = input.withUnsafeBufferPointer { bytes in
                        write(writeFD, bytes.baseAddress! + inputOffset, bytes.count - inputOffset)  // safe: input is non-empty here
                    }
                    if written > 0 { inputOffset += written }
                    if written < 0 && errno != EAGAIN && errno != EINTR || inputOffset >= input.count {
                        close(writeFD)
                        writeFD = -1
                    }
                    continue
                }
                let count = read(descriptor.fd, &buffer, buffer.count)
                if count > 0 {
                    if descriptor.fd == outputFD {
                        output.append(contentsOf: buffer[0..<count])
                    } else {
                        errorOutput.append(contentsOf: buffer[0..<count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptor.fd)
                    openOutputs.remove(descriptor.fd)
                }
            }
        }
        return (output, errorOutput)
    }
}
