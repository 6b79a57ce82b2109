/// A declarative description of one command's arguments, used to parse them and print `--help`.
///
/// Deliberately small: long options with or without a value (`--model DIR`, `--model=DIR`),
/// flags (`--json`), optional single-letter aliases, and positional arguments.
public struct CommandSpec: Sendable {
    /// One option or flag.
    public struct Option: Sendable {
        /// The long name without dashes (`model`).
        public var name: String
        /// A one-letter alias without the dash (`m`), if any.
        public var short: Character?
        /// The value placeholder (`DIR`); nil for a flag.
        public var valueName: String?
        /// One line for `--help`.
        public var help: String
        /// May be given more than once.
        public var repeatable: Bool

        public init(_ name: String, short: Character? = nil, value: String? = nil, help: String, repeatable: Bool = false) {
            self.name = name
            self.short = short
            self.valueName = value
            self.help = help
            self.repeatable = repeatable
        }

        var isFlag: Bool { self.valueName == nil }
    }

    /// The full command name as typed (`seam-engine serve`).
    public var name: String
    /// One line saying what the command does.
    public var abstract: String
    /// The usage line after the name (`--model DIR [--socket PATH]`).
    public var usage: String
    public var options: [Option]
    /// Names of positional arguments, for help only.
    public var positionals: [(name: String, help: String)]
    /// The largest number of positional arguments accepted.
    public var maximumPositionals: Int
    /// Extra text printed after the options.
    public var discussion: String

    public init(
        name: String,
        abstract: String,
        usage: String,
        options: [Option] = [],
        positionals: [(name: String, help: String)] = [],
        maximumPositionals: Int? = nil,
        discussion: String = ""
    ) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.options = options
        self.positionals = positionals
        self.maximumPositionals = maximumPositionals ?? positionals.count
        self.discussion = discussion
    }

    /// The text printed for `--help`.
    public var helpText: String {
        var text = "\(self.name): \(self.abstract)\n\nUsage: \(self.name) \(self.usage)\n"
        if !self.positionals.isEmpty {
            text += "\nArguments:\n"
            for positional in self.positionals {
                text += "  " + pad(positional.name, to: 24) + positional.help + "\n"
            }
        }
        text += "\nOptions:\n"
        for option in self.options {
            var label = option.short.map { "-\($0), " } ?? ""
            label += "--\(option.name)"
            if let value = option.valueName { label += " \(value)" }
            text += "  " + pad(label, to: 24) + option.help + "\n"
        }
        text += "  " + pad("-h, --help", to: 24) + "show this help\n"
        if !self.discussion.isEmpty { text += "\n" + self.discussion + "\n" }
        return text
    }

    /// Parses `arguments` (without the command name). Throws `UsageError` on anything unknown or
    /// missing; `--help` anywhere yields `ParsedArguments.helpRequested`.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                parsed.helpRequested = true
                continue
            }
            var name: String
            var inlineValue: String?
            if argument.hasPrefix("--") {
                name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                let letters = argument.dropFirst()
                guard letters.count == 1, let letter = letters.first,
                    let option = self.options.first(where: { $0.short == letter })
                else {
                    throw UsageError(self.name, "unknown option '\(argument)'")
                }
                name = option.name
            }
            guard let option = self.options.first(where: { $0.name == name }) else {
                throw UsageError(self.name, "unknown option '--\(name)'")
            }
            if option.isFlag {
                if inlineValue != nil { throw UsageError(self.name, "--\(name) takes no value") }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else {
                    throw UsageError(self.name, "--\(name) needs a value (\(option.valueName ?? "VALUE"))")
                }
                value = arguments[index]
                index += 1
            }
            if !option.repeatable, parsed.values[name] != nil {
                throw UsageError(self.name, "--\(name) given more than once")
            }
            parsed.values[name, default: []].append(value)
        }
        if !parsed.helpRequested && parsed.positionals.count > self.maximumPositionals {
            let extra = parsed.positionals[self.maximumPositionals]
            throw UsageError(self.name, "unexpected argument '\(extra)'")
        }
        parsed.commandName = self.name
        return parsed
    }
}

private func pad(_ text: String, to width: Int) -> String {
    text.count >= width ? text + "  " : text + String(repeating: " ", count: width - text.count)
}

/// The result of parsing a command line against a `CommandSpec`.
public struct ParsedArguments: Sendable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []
    public var helpRequested = false
    var commandName = ""

    public init() {}

    /// The value of `--name`, if given.
    public func value(_ name: String) -> String? { self.values[name]?.last }

    /// Every value of a repeatable `--name`.
    public func allValues(_ name: String) -> [String] { self.values[name] ?? [] }

    /// True when the flag `--name` was given.
    public func flag(_ name: String) -> Bool { self.flags.contains(name) }

    /// The value of `--name`, or a usage error saying it is required.
    public func required(_ name: String, _ valueName: String = "VALUE") throws(UsageError) -> String {
        guard let value = self.value(name) else {
            throw UsageError(self.commandName, "missing --\(name) \(valueName)")
        }
        return value
    }

    /// The value of `--name` as an integer within `range`, or `defaultValue` when absent.
    public func integer(_ name: String, default defaultValue: Int? = nil, in range: ClosedRange<Int> = Int.min...Int.max)
        throws(UsageError) -> Int?
    {
        guard let text = self.value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(self.commandName, "--\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// The value of `--name` as a floating-point number within `range`, or `defaultValue`.
    public func double(_ name: String, default defaultValue: Double? = nil, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        throws(UsageError) -> Double?
    {
        guard let text = self.value(name) else { return defaultValue }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw UsageError(self.commandName, "--\(name) must be a number in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// A comma-separated list of integers (`--context 512,4096`).
    public func integerList(_ name: String) throws(UsageError) -> [Int]? {
        guard let text = self.value(name) else { return nil }
        var numbers: [Int] = []
        for part in text.split(separator: ",") {
            guard let number = Int(part.trimmingCharacters(in: " ")) else {
                throw UsageError(self.commandName, "--\(name) must be a comma-separated list of integers, got '\(text)'")
            }
            numbers.append(number)
        }
        return numbers
    }
}

/// Bad command-line input: one line naming the command and what is wrong.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var command: String
    public var message: String

    public init(_ command: String, _ message: String) {
        self.command = command
        self.message = message
    }

    public var description: String {
        "\(self.command): \(self.message) (see '\(self.command) --help')"
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var result = self
        while result.first == set { result = result.dropFirst() }
        while result.last == set { result = result.dropLast() }
        return result
    }
}
