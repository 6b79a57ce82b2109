/// The body of `POST /v1/engine/sessions/{id}/save` and `POST /v1/engine/sessions/restore`:
/// a file name inside the engine's sessions directory (letters, digits, `.`, `_`, `-`).
package struct SessionFileRequest: Codable, Sendable, Hashable {
    package var name: String

    package init(name: String) {
        self.name = name
    }
}

/// The answer to a session save or restore.
package struct SessionFileResponse: Codable, Sendable, Hashable {
    /// The session's id in this engine (after a restore: the new id).
    package var id: String
    /// The file's absolute path.
    package var path: String
    /// Tokens whose state the file holds.
    package var tokens: Int
    /// The file's size.
    package var bytes: Int
    /// The session file format version.
    package var formatVersion: Int
    /// The checksum stored in (and verified against) the file, as hex.
    package var checksum: String

    package init(id: String, path: String, tokens: Int, bytes: Int, formatVersion: Int, checksum: String) {
        self.id = id
        self.path = path
        self.tokens = tokens
        self.bytes = bytes
        self.formatVersion = formatVersion
        self.checksum = checksum
    }

    enum CodingKeys: String, CodingKey {
        case id, path, tokens, bytes, checksum
        case formatVersion = "format_version"
    }
}

/// `GET /v1/engine/sessions`: the cached sessions, most recently used first.
package struct SessionList: Codable, Sendable, Hashable {
    package var object: String
    package var data: [SessionInfo]

    package init(data: [SessionInfo]) {
        self.object = "list"
        self.data = data
    }
}
