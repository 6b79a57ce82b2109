import Basics

/// The fields of HF `tokenizer_config.json` the engine uses: the BOS and EOS token names.
struct TokenizerConfig: Sendable {
    var bosToken: String?
    var eosToken: String?

    /// Reads the file at `path`; each token is a string or an `{"content": …}` object.
    static func load(_ path: String) throws(TokenizerError) -> TokenizerConfig {
        let bytes = try FileSystemProbe.read(path)
        let tree = try OrderedJSON.parseTokenizerFile(bytes, path: path)
        guard case .object = tree else {
            throw .malformed(path: path, keyPath: "", problem: "expected an object, found \(tree.kindName)")
        }
        func token(_ key: String) throws(TokenizerError) -> String? {
            switch tree[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            case let value? where value["content"]?.stringValue != nil: return value["content"]?.stringValue
            case let value?:
                throw .malformed(path: path, keyPath: key, problem: "expected a string or {\"content\": string}, found \(value.kindName)")
            }
        }
        return TokenizerConfig(bosToken: try token("bos_token"), eosToken: try token("eos_token"))
    }
}
