/// Any JSON value, decoded through `Decodable`: used for the parts of tokenizer.json whose shape
/// depends on a `type` field (normalizer, pre_tokenizer, decoder, post_processor).
enum JSONAny: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONAny])
    case object([String: JSONAny])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONAny].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONAny].self))
        }
    }

    /// The member `key` of an object.
    subscript(key: String) -> JSONAny? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is one.
    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, if this is one.
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    var array: [JSONAny]? {
        if case .array(let value) = self { return value }
        return nil
    }
}
