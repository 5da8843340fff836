import type { Db } from './database';
import { prepared } from './statements';
import { withConstraints } from './constraint';

/** A request bundle imported for review (read-only here), and the decision given on it. */
export interface ReviewRow {
  id: number; origin_console: string; origin_request_id: number; content_hash: string; node: number; bundle: string;
  imported_by: string; imported_at: string; decision: 'approved' | 'rejected' | null; decision_bundle: string | null; decided_by: string | null; decided_at: string | null;
}

export class ReviewsRepo {
  constructor(private readonly db: Db) {}

  list(): ReviewRow[] {
    return prepared(this.db, 'SELECT * FROM reviews ORDER BY id DESC').all() as ReviewRow[];
  }

  get(id: number): ReviewRow | undefined {
    return prepared(this.db, 'SELECT * FROM reviews WHERE id = ?').get(id) as ReviewRow | undefined;
  }

  /** The same request at the same node on the same content is one review: importing it again finds it. */
  find(originConsole: string, requestId: number, contentHash: string, node: number): ReviewRow | undefined {
    return prepared(this.db, 'SELECT * FROM reviews WHERE origin_console = ? AND origin_request_id = ? AND content_hash = ? AND node = ?')
      .get(originConsole, requestId, contentHash, node) as ReviewRow | undefined;
  }

  insert(r: Omit<ReviewRow, 'id' | 'decision' | 'decision_bundle' | 'decided_by' | 'decided_at'>): ReviewRow {
    const info = withConstraints(
      () => prepared(this.db, `INSERT INTO reviews (origin_console, origin_request_id, content_hash, node, bundle, imported_by, imported_at)
        VALUES (@origin_console, @origin_request_id, @content_hash, @node, @bundle, @imported_by, @imported_at)`).run(r),
      { 'reviews.origin_console': 'this request was imported for review already' },
    );
    return this.get(Number(info.lastInsertRowid))!;
  }

  /** Record the one decision a review gets; false when it was decided already. */
  decide(id: number, d: { decision: 'approved' | 'rejected'; decision_bundle: string; decided_by: string; decided_at: string }): boolean {
    return prepared(this.db, 'UPDATE reviews SET decision = @decision, decision_bundle = @decision_bundle, decided_by = @decided_by, decided_at = @decided_at WHERE id = @id AND decision IS NULL')
      .run({ id, ...d }).changes === 1;
  }
}
