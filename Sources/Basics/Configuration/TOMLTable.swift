/// A TOML table: keys in the order they were written, each with its value and where it was defined.
///
/// Positions let settings that are valid TOML but wrong for Seam (an unknown action name in a
/// keymap, a colour that does not parse) report the file, line and column like syntax errors do.
public struct TOMLTable: Sendable, Equatable {
    /// One key's value and where the key was written.
    public struct Entry: Sendable, Equatable {
        public var value: TOMLValue
        /// 1-based line of the key.
        public var line: Int
        /// 1-based column (in characters) of the key.
        public var column: Int

        public init(value: TOMLValue, line: Int, column: Int) {
            self.value = value
            self.line = line
            self.column = column
        }
    }

    /// The keys in the order they were first written.
    public private(set) var keys: [String] = []
    private var entries: [String: Entry] = [:]
    /// The file the table was read from (for errors about its values).
    public var file: String

    public init(file: String = "<memory>") {
        self.file = file
    }

    /// The value stored under `key`.
    public subscript(key: String) -> TOMLValue? {
        self.entries[key]?.value
    }

    /// The value and position stored under `key`.
    public func entry(_ key: String) -> Entry? {
        self.entries[key]
    }

    /// Every key with its entry, in written order.
    public var orderedEntries: [(key: String, entry: Entry)] {
        self.keys.compactMap { key in self.entries[key].map { (key, $0) } }
    }

    /// True when the table has no keys.
    public var isEmpty: Bool { self.keys.isEmpty }

    /// Stores `value` under `key`, keeping the key's first position in the order.
    public mutating func set(_ key: String, _ value: TOMLValue, line: Int = 0, column: Int = 0) {
        if self.entries[key] == nil { self.keys.append(key) }
        self.entries[key] = Entry(value: value, line: line, column: column)
    }

    /// Replaces the value under an existing `key`, keeping its position.
    mutating func replaceValue(_ key: String, _ value: TOMLValue) {
        guard var entry = self.entries[key] else { return }
        entry.value = value
        self.entries[key] = entry
    }

    /// An error located at `key`'s definition in this table's file (or the file alone).
    public func error(at key: String, _ message: String, code: ConfigurationError.Code = .invalidValue)
        -> ConfigurationError
    {
        let entry = self.entries[key]
        return ConfigurationError(code, message, file: self.file, line: entry?.line ?? 0, column: entry?.column ?? 0)
    }

    /// The string under `key`; nil when absent, an error naming the place when it has another type.
    public func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let value = self[key] else { return nil }
        guard let string = value.stringValue else {
            throw self.error(at: key, "expected a string for \"\(key)\", found \(value.typeName)")
        }
        return string
    }

    /// The boolean under `key`; nil when absent, an error when it has another type.
    public func boolean(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = self[key] else { return nil }
        guard let boolean = value.booleanValue else {
            throw self.error(at: key, "expected true or false for \"\(key)\", found \(value.typeName)")
        }
        return boolean
    }

    /// The integer under `key`; nil when absent, an error when it has another type.
    public func integer(_ key: String) throws(ConfigurationError) -> Int? {
        guard let value = self[key] else { return nil }
        guard let integer = value.integerValue else {
            throw self.error(at: key, "expected an integer for \"\(key)\", found \(value.typeName)")
        }
        return integer
    }

    /// The number (float or integer) under `key`; nil when absent, an error when it has another type.
    public func number(_ key: String) throws(ConfigurationError) -> Double? {
        guard let value = self[key] else { return nil }
        guard let number = value.doubleValue else {
            throw self.error(at: key, "expected a number for \"\(key)\", found \(value.typeName)")
        }
        return number
    }

    /// The table under `key`; nil when absent, an error when it has another type.
    public func table(_ key: String) throws(ConfigurationError) -> TOMLTable? {
        guard let value = self[key] else { return nil }
        guard let table = value.tableValue else {
            throw self.error(at: key, "expected a table for \"\(key)\", found \(value.typeName)")
        }
        return table
    }
}
