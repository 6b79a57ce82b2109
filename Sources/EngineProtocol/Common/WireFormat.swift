#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON encoder and decoder settings both sides use for the wire types.
package enum WireFormat {
    /// Encodes `value` as compact JSON (no escaped slashes, stable key order).
    package static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return Array(try encoder.encode(value))
    }

    /// Decodes `Value` from JSON bytes.
    package static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try JSONDecoder().decode(type, from: Data(bytes))
    }

    /// A one-line description of a decoding failure naming the field at fault, for 400 responses.
    package static func describe(_ error: any Error) -> (message: String, param: String?) {
        guard let decodingError = error as? DecodingError else {
            return ("the request body is not valid JSON", nil)
        }
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : "." + key.stringValue
                }
            }
            return text
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            let parent = path(context.codingPath)
            let full = parent.isEmpty ? key.stringValue : parent + "." + key.stringValue
            return ("missing required parameter '\(full)'", full)
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return ("invalid type for '\(field)': expected \(Self.typeName(type))", field.isEmpty ? nil : field)
        case .valueNotFound(let type, let context):
            let field = path(context.codingPath)
            return ("invalid value for '\(field)': expected \(Self.typeName(type)), got null", field.isEmpty ? nil : field)
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty {
                return ("the request body is not valid JSON", nil)
            }
            return ("invalid value for '\(field)': \(context.debugDescription)", field)
        @unknown default:
            return ("the request body could not be decoded", nil)
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int32.Type, is Int64.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        default:
            String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}
