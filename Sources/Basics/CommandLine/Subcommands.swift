#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program made of subcommands (`seam-engine serve …`), each a spec and a body.
///
/// `run` parses, prints help, reports errors as one line on standard error and turns them into an
/// exit status: 0 on success, 2 for usage errors, 1 for any other failure.
public struct SubcommandProgram: Sendable {
    /// One subcommand: its spec and the body that runs with parsed arguments and returns an exit code.
    public struct Subcommand: Sendable {
        public var spec: CommandSpec
        public var run: @Sendable (ParsedArguments) throws -> Int32

        public init(spec: CommandSpec, run: @escaping @Sendable (ParsedArguments) throws -> Int32) {
            self.spec = spec
            self.run = run
        }
    }

    public var name: String
    public var abstract: String
    public var subcommands: [Subcommand]

    public init(name: String, abstract: String, subcommands: [Subcommand]) {
        self.name = name
        self.abstract = abstract
        self.subcommands = subcommands
    }

    /// The top-level help text listing the subcommands.
    public var helpText: String {
        var text = "\(self.name): \(self.abstract)\n\nUsage: \(self.name) <command> [options]\n\nCommands:\n"
        for subcommand in self.subcommands {
            let short = subcommand.spec.name.split(separator: " ").last.map(String.init) ?? subcommand.spec.name
            text += "  " + short + String(repeating: " ", count: max(2, 12 - short.count)) + subcommand.spec.abstract + "\n"
        }
        text += "\nRun '\(self.name) <command> --help' for a command's options.\n"
        return text
    }

    /// Runs the subcommand named by `arguments[0]` and returns the process exit status.
    public func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            writeStandardError(self.helpText)
            return 2
        }
        if first == "--help" || first == "-h" || first == "help" {
            writeStandardOutput(self.helpText)
            return 0
        }
        guard let subcommand = self.subcommands.first(where: { $0.spec.name.hasSuffix(" " + first) }) else {
            writeStandardError("\(self.name): unknown command '\(first)' (see '\(self.name) --help')\n")
            return 2
        }
        return Self.run(subcommand, Array(arguments.dropFirst()))
    }

    /// Parses and runs one subcommand, turning errors into one line and an exit status.
    public static func run(_ subcommand: Subcommand, _ arguments: [String]) -> Int32 {
        do {
            let parsed = try subcommand.spec.parse(arguments)
            if parsed.helpRequested {
                writeStandardOutput(subcommand.spec.helpText)
                return 0
            }
            return try subcommand.run(parsed)
        } catch let error as UsageError {
            writeStandardError(error.description + "\n")
            return 2
        } catch {
            writeStandardError("\(subcommand.spec.name): \(describe(error))\n")
            return 1
        }
    }
}

/// Writes all of `text` to standard output, unbuffered.
public func writeStandardOutput(_ text: String) {
    writeAll(1, text)
}

/// Writes all of `text` to standard error, unbuffered.
public func writeStandardError(_ text: String) {
    writeAll(2, text)
}

/// Writes every byte of `text` to `fileDescriptor`, retrying short writes and EINTR.
public func writeAll(_ fileDescriptor: Int32, _ text: String) {
    var text = text
    text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = write(fileDescriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
