/// The `stop` field: OpenAI accepts one string, a list of up to four strings, or null.
package struct StopSequences: Codable, Sendable, Hashable {
    /// The stop strings in the order given; empty strings are dropped.
    package var values: [String]

    package init(_ values: [String]) {
        self.values = values.filter { !$0.isEmpty }
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self.init([])
        } else if let single = try? container.decode(String.self) {
            self.init([single])
        } else {
            self.init(try container.decode([String].self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.values)
    }
}
