/// A picker's rows filtered by its query.
package enum PickerContent {
    package static func items(_ picker: PickerState) -> [(item: PickerItem, positions: [Int])] {
        let query = picker.query.text
        if query.isEmpty { return picker.items.map { ($0, []) } }
        return picker.items.compactMap { item in
            SubsequenceMatch.positions(of: query, in: item.label).map { (item, $0) }
        }
    }
}
