/// A JSON value that keeps the order of object members, as the prompt format needs: tool schemas
/// and tool-call arguments are written back out in the order they arrived (Python's `dict`).
package enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON literal (`42`, `-1.5e3`) so integers of any size survive.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One member of an object.
    package struct Member: Sendable, Hashable {
        package var key: String
        package var value: JSONValue

        /// A member `key: value`.
        package init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An integer.
    package static func integer(_ value: Int) -> JSONValue { .number(String(value)) }

    /// A floating-point number (non-finite values become Python's `NaN` / `Infinity` literals).
    package static func double(_ value: Double) -> JSONValue {
        if value.isNaN { return .number("NaN") }
        if value.isInfinite { return .number(value < 0 ? "-Infinity" : "Infinity") }
        return .number(value.description)
    }

    /// An object from members in order.
    package static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(members.map { Member($0.key, $0.value) })
    }

    /// The value of member `key` of an object (the last one, if repeated), or nil.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    /// The string, if this is one.
    package var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members, if this is an object.
    package var objectMembers: [Member]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Python truthiness of the value after `json.loads`: null, false, 0, "", [] and {} are false.
    /// The reference encoder skips a response format that is false this way.
    package var isPythonTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number(let literal): literal == "NaN" || (Double(literal).map { $0 != 0 } ?? true)
        case .string(let value): !value.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let members): !members.isEmpty
        }
    }
}
