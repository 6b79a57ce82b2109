/// Every action the workbench knows, as data: keymaps are checked against it, the palette lists
/// it, the help overlay titles bindings from it. A new pane registers its own descriptors.
package struct ActionRegistry: Sendable {
    package private(set) var descriptors: [ActionDescriptor] = []
    private var positions: [ActionID: Int] = [:]

    package init(_ descriptors: [ActionDescriptor] = []) {
        for descriptor in descriptors { self.register(descriptor) }
    }

    /// Adds `descriptor`, replacing one with the same id.
    package mutating func register(_ descriptor: ActionDescriptor) {
        if let position = self.positions[descriptor.id] {
            self.descriptors[position] = descriptor
        } else {
            self.positions[descriptor.id] = self.descriptors.count
            self.descriptors.append(descriptor)
        }
    }

    /// The descriptor for `id`.
    package subscript(id: ActionID) -> ActionDescriptor? {
        self.positions[id].map { self.descriptors[$0] }
    }

    /// Every id, for keymap validation.
    package var ids: Set<ActionID> { Set(self.descriptors.map(\.id)) }
}
