import FoundationEssentials

/// The fields of HF `tokenizer_config.json` the engine uses: the BOS and EOS token names.
struct TokenizerConfig: Decodable, Sendable {
    var bosToken: String?
    var eosToken: String?

    enum CodingKeys: String, CodingKey {
        case bosToken = "bos_token"
        case eosToken = "eos_token"
    }

    /// A token given as a string or as `{"content": …}` (the AddedToken form).
    private struct TokenName: Decodable {
        var content: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self.content = nil
            } else if let text = try? container.decode(String.self) {
                self.content = text
            } else {
                struct Object: Decodable { var content: String }
                self.content = try container.decode(Object.self).content
            }
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.bosToken = try container.decodeIfPresent(TokenName.self, forKey: .bosToken)?.content
        self.eosToken = try container.decodeIfPresent(TokenName.self, forKey: .eosToken)?.content
    }

    /// Reads and decodes the file at `path`.
    static func load(_ path: String) throws(TokenizerError) -> TokenizerConfig {
        let bytes = try FileSystemProbe.read(path)
        do {
            return try JSONDecoder().decode(TokenizerConfig.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw TokenizerFileValidation.describe(error, path: path)
        } catch {
            throw .invalidJSON(path: path, detail: "\(error)")
        }
    }
}
