extension FileContents {
    /// One line of a text file: the decoded text for display and where its exact bytes are.
    package struct Line: Hashable, Sendable {
        /// The decoded line without its terminator; invalid bytes appear as U+FFFD.
        package var text: String
        /// The line's bytes in `FileContents.bytes`, terminator excluded.
        package var byteRange: Range<Int>
        /// How the line ends; nil for a last line without a final newline.
        package var terminator: LineTerminator?
        /// False when the bytes were not valid in the document's encoding (the text shows
        /// replacement characters; write back the original bytes, never `text`).
        package var isValid: Bool
    }
}
