extension OrderedJSON {
    /// What a parse accepts beyond RFC 8259 JSON, and how it treats the choices JSON leaves open.
    package struct ParseOptions: Sendable, Hashable {
        /// `//` line and `/* */` block comments count as whitespace (tsconfig.json, JSONC).
        package var allowsComments: Bool
        /// A comma may follow the last element of an array or the last member of an object.
        package var allowsTrailingCommas: Bool
        /// `NaN`, `Infinity` and `-Infinity` are read as numbers (Python's `json.loads`).
        package var allowsNonFiniteNumbers: Bool
        /// A repeated key keeps its first position and takes the last value (Python's `dict`);
        /// when false every member is kept in order and lookups find the last.
        package var mergesRepeatedKeys: Bool
        /// A `\u` escape of an unpaired surrogate becomes U+FFFD (a Swift string cannot hold it)
        /// instead of being an error.
        package var replacesLoneSurrogates: Bool
        /// The deepest nesting accepted; deeper input is an error rather than a stack overflow.
        package var maximumDepth: Int

        /// Options; the defaults are strict RFC 8259 JSON nested at most 512 levels.
        package init(
            allowsComments: Bool = false, allowsTrailingCommas: Bool = false, allowsNonFiniteNumbers: Bool = false,
            mergesRepeatedKeys: Bool = false, replacesLoneSurrogates: Bool = false, maximumDepth: Int = 512
        ) {
            self.allowsComments = allowsComments
            self.allowsTrailingCommas = allowsTrailingCommas
            self.allowsNonFiniteNumbers = allowsNonFiniteNumbers
            self.mergesRepeatedKeys = mergesRepeatedKeys
            self.replacesLoneSurrogates = replacesLoneSurrogates
            self.maximumDepth = maximumDepth
        }

        /// Strict RFC 8259 JSON: every member kept, lone surrogate escapes rejected.
        package static let strict = ParseOptions()
    }

    /// Parses UTF-8 JSON bytes. Strings must be well-formed UTF-8 and nothing but whitespace (and
    /// comments, where allowed) may follow the value; errors say the line and column.
    ///
    /// - Complexity: O(n) in the input length; strings without escapes are validated and copied
    ///   in one step.
    package init(parsing bytes: [UInt8], options: ParseOptions) throws(JSONSyntaxError) {
        let result = bytes.withUnsafeBufferPointer { buffer in
            var parser = OrderedJSONParser(bytes: buffer, options: options)
            return Result { () throws(JSONSyntaxError) in try parser.parseDocument() }
        }
        self = try result.get()
    }

    /// Parses JSON text (see `init(parsing:options:)` for bytes).
    package init(parsing text: String, options: ParseOptions) throws(JSONSyntaxError) {
        var text = text
        let result = text.withUTF8 { buffer in
            var parser = OrderedJSONParser(bytes: buffer, options: options)
            return Result { () throws(JSONSyntaxError) in try parser.parseDocument() }
        }
        self = try result.get()
    }
}
