#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Severity of a log line.
public enum LogLevel: Int, Comparable, Sendable {
    case debug, info, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    var label: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// A minimal logger writing whole lines to standard error (or a file for the TUI, which owns the
/// terminal). The level comes from `SEAM_LOG` (debug, info, warning, error); the default is info.
public final class Log: Sendable {
    /// The process-wide logger.
    public static let shared = Log()

    private struct State {
        var level: LogLevel
        var fileDescriptor: Int32
    }

    private let state: LockedBox<State>

    init() {
        let level: LogLevel =
            switch getenv("SEAM_LOG").map({ String(cString: $0) }) {
            case "debug": .debug
            case "warning": .warning
            case "error": .error
            default: .info
            }
        self.state = LockedBox(State(level: level, fileDescriptor: 2))
    }

    /// Sends log lines to `fileDescriptor` instead of standard error.
    public func redirect(to fileDescriptor: Int32) {
        self.state.withLock { $0.fileDescriptor = fileDescriptor }
    }

    /// Sets the lowest level that is written.
    public func setLevel(_ level: LogLevel) {
        self.state.withLock { $0.level = level }
    }

    /// Writes one line if `level` is enabled. The message is built only when it is written.
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        self.state.withLock { state in
            guard level >= state.level else { return }
            var line = "seam[\(getpid())] \(level.label): \(message())\n"
            line.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(state.fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)  // safe: non-empty string
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    public func debug(_ message: @autoclosure () -> String) { self.log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { self.log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { self.log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { self.log(.error, message()) }
}
