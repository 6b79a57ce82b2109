import Basics

extension OrderedJSON {
    /// Parses a tokenizer file (tokenizer.json, tokenizer_config.json) as strict JSON: every member
    /// kept in order (lookups take the last of a repeated key), numbers as literals, lone surrogate
    /// escapes and ill-formed UTF-8 rejected, nesting at most 256 levels deep. Byte-level parsing
    /// keeps a 128K-entry tokenizer.json several times faster than `JSONDecoder`.
    ///
    /// - Throws: `TokenizerError.invalidJSON` naming `path` and the line and column of the problem.
    static func parseTokenizerFile(_ bytes: [UInt8], path: String) throws(TokenizerError) -> OrderedJSON {
        do {
            return try OrderedJSON(parsing: bytes, options: OrderedJSON.ParseOptions(maximumDepth: 256))
        } catch {
            throw .invalidJSON(path: path, detail: "\(error.message) at line \(error.line), column \(error.column)")
        }
    }
}
