import { connection } from 'next/server';
import { Suspense } from 'react';
import { isCtsDbError, sharedDatabase } from 'cts-db';

export const metadata = { title: 'Open positions' };

// Reads the database on every request, never at build time: `await connection()` tells Next.js that what
// follows depends on the request, so `next build` neither prerenders this list nor opens the database. The
// page's frame (heading, fallback) can still be served at once; the list streams in through <Suspense>.
async function OpenPositions() {
  await connection();
  try {
    const db = await sharedDatabase();
    const positions = await db.pseudoPositions.findMany({
      where: { status: 'active' },
      with: { connection: true },
      orderBy: { openedAt: 'desc' },
      limit: 50,
    });
    if (positions.length === 0) return <p className="muted">No open positions.</p>;
    return (
      <table>
        <thead>
          <tr>
            <th>Symbol</th>
            <th>Side</th>
            <th className="num">Entry</th>
            <th className="num">Quantity</th>
            <th>Connection</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((p) => (
            <tr key={p.id}>
              <td>
                <code>{p.symbol}</code>
              </td>
              <td>{p.side}</td>
              <td className="num">{p.entryPrice}</td>
              <td className="num">{p.quantity}</td>
              <td>{`${p.connection.name} (${p.connection.exchange})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  } catch (error) {
    // The page is public: the code only; the server log has the full message.
    return <p className="muted">{`the positions could not be read${isCtsDbError(error) ? ` [${error.code}]` : ''}`}</p>;
  }
}

export default function PositionsPage() {
  return (
    <main>
      <h1>Open positions</h1>
      <Suspense fallback={<p className="muted">Loading positions...</p>}>
        <OpenPositions />
      </Suspense>
    </main>
  );
}
