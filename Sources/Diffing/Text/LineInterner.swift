/// Maps each distinct line to a small integer so diff algorithms compare integers, not bytes.
///
/// One interner is shared by both sides of a diff: equal lines on either side get the same id.
/// A last line without its `\n` never equals the same bytes with one (a diff must show that the
/// final newline changed). Ids are dense (`0 ..< distinctCount`), so algorithms can index arrays
/// by id instead of hashing.
package struct LineInterner: Sendable {
    private struct Key: Hashable {
        var bytes: ArraySlice<UInt8>
        var terminated: Bool
    }

    private var ids: [Key: Int32] = [:]

    package init() {}

    /// The number of distinct lines seen so far.
    package var distinctCount: Int { self.ids.count }

    /// The id of `line` (terminated by `\n` unless `terminated` is false), assigning the next id
    /// when it is new.
    package mutating func intern(_ line: ArraySlice<UInt8>, terminated: Bool = true) -> Int32 {
        let key = Key(bytes: line, terminated: terminated)
        if let id = self.ids[key] { return id }
        let id = Int32(self.ids.count)
        self.ids[key] = id
        return id
    }

    /// The ids of every line of `text`, in order.
    package mutating func intern(_ text: TextLines) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(text.count)
        for index in 0..<text.count { result.append(self.intern(text[index], terminated: text.hasNewline(index))) }
        return result
    }
}
