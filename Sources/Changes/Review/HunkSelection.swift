/// Which hunks a headless apply takes: `all`, `none`, or a list of `PATH:N` (hunk N, 1-based in
/// the file's edit order) and `PATH` (the whole file). Everything not selected is rejected.
/// A file-level operation (rename, mode change, deletion, …) is taken when its file is named.
package enum HunkSelection: Hashable, Sendable {
    case all
    case none
    /// Hunk numbers by path; an empty set means every hunk of the file.
    case hunks([String: Set<Int>])

    /// Parses `all`, `none` or a comma-separated list of `PATH:N` and `PATH`.
    package init(parsing text: String) throws(ChangesError) {
        switch text {
        case "all": self = .all
        case "none": self = .none
        default:
            var selected: [String: Set<Int>] = [:]
            for item in text.split(separator: ",").map({ String($0).trimmingSpaces }) where !item.isEmpty {
                if let colon = item.lastIndex(of: ":"), let number = Int(item[item.index(after: colon)...]) {
                    guard number >= 1 else {
                        throw ChangesError(.invalidReview, "hunk numbers start at 1: '\(item)'")
                    }
                    let path = String(item[..<colon])
                    if selected[path] != [] { selected[path, default: []].insert(number) }
                } else {
                    selected[item] = []
                }
            }
            guard !selected.isEmpty else {
                throw ChangesError(.invalidReview, "--accept needs all, none, or PATH:N[,PATH:N…]; got '\(text)'")
            }
            self = .hunks(selected)
        }
    }

    /// Checks that every named file and hunk exists in `changeset`.
    package func validate(against changeset: Changeset) throws(ChangesError) {
        guard case .hunks(let selected) = self else { return }
        for (path, numbers) in selected.sorted(by: { $0.key < $1.key }) {
            let normalized = (try? WorkspaceRoot.normalize(path)) ?? path
            guard let file = changeset.files.first(where: { $0.path == normalized || $0.originalPath == normalized })
            else {
                let names = changeset.files.map(\.path).joined(separator: ", ")
                throw ChangesError(.invalidReview, "the change does not touch \(path) (it touches: \(names))")
            }
            if let largest = numbers.max(), largest > file.hunks.count {
                throw ChangesError(
                    .invalidReview, "there is no hunk \(largest) in \(file.path) (it has \(file.hunks.count))")
            }
        }
    }

    /// Whether hunk `number` (1-based) of `file` is selected.
    package func selects(_ file: ChangesetFile, hunk number: Int) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .hunks(let selected):
            guard let numbers = self.numbers(for: file, in: selected) else { return false }
            return numbers.isEmpty || numbers.contains(number)
        }
    }

    /// Whether `file`'s file-level operation is selected (its path is named at all).
    package func selectsOperation(of file: ChangesetFile) -> Bool {
        switch self {
        case .all: return true
        case .none: return false
        case .hunks(let selected): return self.numbers(for: file, in: selected) != nil
        }
    }

    /// Accepts the selected hunks and operations of `review` and rejects everything else.
    package func apply(to review: inout ChangeReview) {
        for index in 0..<review.fileCount {
            let file = review.changeset.files[index]
            guard file.refusal == nil else { continue }
            review.decideFile(index, .rejected)
            if file.hasFileOperation && self.selectsOperation(of: file) {
                try? review.decide(ReviewHunk.ID(file: index, firstBlock: ReviewHunk.fileOperationBlock), .accepted)
            }
            for block in review.files[index].blocks where self.selects(file, hunk: block.origin + 1) {
                for line in 0..<block.oldRange.count {
                    try? review.decide(LineReference(file: index, block: block.id, side: .old, index: line), .accepted)
                }
                for line in 0..<block.newLines.count {
                    try? review.decide(LineReference(file: index, block: block.id, side: .new, index: line), .accepted)
                }
            }
        }
    }

    private func numbers(for file: ChangesetFile, in selected: [String: Set<Int>]) -> Set<Int>? {
        for (path, numbers) in selected {
            let normalized = (try? WorkspaceRoot.normalize(path)) ?? path
            if normalized == file.path || normalized == file.originalPath { return numbers }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
