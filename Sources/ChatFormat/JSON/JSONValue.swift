import Basics

/// A JSON value that keeps the order of object members, as the prompt format needs: tool schemas
/// and tool-call arguments are written back out in the order they arrived (Python's `dict`).
/// The shared `OrderedJSON` of `Basics`; this module adds Python's parsing rules and writer.
package typealias JSONValue = OrderedJSON

extension OrderedJSON.ParseOptions {
    /// What Python's `json.loads` accepts: `NaN`, `Infinity` and `-Infinity`; a repeated key keeps
    /// its first position and takes the last value; a lone surrogate escape becomes U+FFFD.
    static let pythonLoads = OrderedJSON.ParseOptions(
        allowsNonFiniteNumbers: true, mergesRepeatedKeys: true, replacesLoneSurrogates: true, maximumDepth: 512)
}

extension JSONValue {
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

    /// Parses JSON text the way Python's `json.loads` does: member order kept; a repeated key keeps
    /// its first position and takes the last value; `NaN`, `Infinity` and `-Infinity` accepted;
    /// raw control characters inside strings rejected; nothing but whitespace after the value.
    package init(parsing text: String) throws(JSONSyntaxError) {
        try self.init(parsing: text, options: .pythonLoads)
    }

    /// Parses UTF-8 JSON bytes (see `init(parsing:)`); ill-formed UTF-8 in a string is an error.
    package init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        try self.init(parsing: bytes, options: .pythonLoads)
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
