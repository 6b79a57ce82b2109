import Basics

/// A JSON value that keeps object keys in source order, so package.json and tsconfig.json can be
/// read, edited and written back without reordering them: the shared `OrderedJSON` of `Basics`.
/// This module adds the tsconfig.json dialect (`parse`), editing and npm-style printing.
package typealias JSONValue = OrderedJSON

extension OrderedJSON.ParseOptions {
    /// JSON with the comments and trailing commas tsconfig.json allows; a lone surrogate escape
    /// becomes U+FFFD.
    static let tsconfig = OrderedJSON.ParseOptions(
        allowsComments: true, allowsTrailingCommas: true, replacesLoneSurrogates: true)
}

extension JSONValue {
    /// Parses `text` (JSON with comments and trailing commas); errors say the line and column.
    package static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONValue(parsing: text, options: .tsconfig)
    }

    /// Sets `key` in an object (appending it when new); does nothing to non-objects.
    package mutating func set(_ key: String, _ value: JSONValue) {
        guard case .object(var members) = self else { return }
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append(Member(key, value))
        }
        self = .object(members)
    }

    /// Removes `key` from an object.
    package mutating func remove(_ key: String) {
        guard case .object(let members) = self else { return }
        self = .object(members.filter { $0.key != key })
    }
}
