/// `GET /v1/models`: `{"object": "list", "data": [...]}`.
package struct ModelList: Codable, Sendable, Hashable {
    package var object: String
    package var data: [ModelInfo]

    package init(data: [ModelInfo]) {
        self.object = "list"
        self.data = data
    }
}

/// One model the server can run.
package struct ModelInfo: Codable, Sendable, Hashable {
    /// The name requests use in `model`.
    package var id: String
    package var object: String
    /// Unix time in seconds (the checkpoint's config.json modification time for the engine).
    package var created: Int
    package var ownedBy: String
    /// The longest context the server accepts (vLLM's extension; absent from OpenAI).
    package var maxModelLen: Int?

    package init(id: String, created: Int, ownedBy: String, maxModelLen: Int? = nil) {
        self.id = id
        self.object = "model"
        self.created = created
        self.ownedBy = ownedBy
        self.maxModelLen = maxModelLen
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.object = try container.decodeIfPresent(String.self, forKey: .object) ?? "model"
        self.created = try container.decodeIfPresent(Int.self, forKey: .created) ?? 0
        self.ownedBy = try container.decodeIfPresent(String.self, forKey: .ownedBy) ?? ""
        self.maxModelLen = try container.decodeIfPresent(Int.self, forKey: .maxModelLen)
    }

    enum CodingKeys: String, CodingKey {
        case id, object, created
        case ownedBy = "owned_by"
        case maxModelLen = "max_model_len"
    }
}
