/// A parsed JSON value that keeps object members in source order and numbers as their literals.
///
/// One type serves every caller that reads JSON by hand rather than through `Codable`: tokenizer
/// files (loaded fast, errors say where), chat requests (written back out in the order they
/// arrived, as Python's `dict` does) and package.json/tsconfig.json (edited without reordering
/// keys). Parse with `init(parsing:options:)`; the options say which relaxations a caller allows.
package enum OrderedJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON literal (`42`, `-1.5e3`, `NaN` where allowed) so integers of any
    /// size survive.
    case number(String)
    case string(String)
    case array([OrderedJSON])
    case object([Member])

    /// One member of an object.
    package struct Member: Sendable, Hashable {
        /// The member name.
        package var key: String
        /// The member value.
        package var value: OrderedJSON

        /// A member `key: value`.
        package init(_ key: String, _ value: OrderedJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value of member `key` of an object (the last one, if repeated), or nil.
    package subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, if this is one.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is one.
    package var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    package var arrayValue: [OrderedJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members in order, if this is an object.
    package var objectMembers: [Member]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The integer, if this is a number without fraction or exponent that fits in `Int`.
    package var integerValue: Int? {
        if case .number(let literal) = self { return Int(literal) }
        return nil
    }

    /// A short name of the value's kind, for error messages ("a string", "an object").
    package var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
