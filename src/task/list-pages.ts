/**
 * The service's task list, page after page: shared by `client.tasks.list` and a handle's look-up
 * for a lost submit.
 *
 * @module
 */
import type { CallOptions, ListQuery, Transport } from '../http/transport.ts';
import type { ListedTask } from '../http/wire.ts';

/** Every listed task matching `query`, fetching the next page only when the loop asks for it. */
export async function* listedTasks(transport: Transport, query: Omit<ListQuery, 'page_no'>, options: CallOptions = {}): AsyncGenerator<ListedTask, void, undefined> {
  for (let page = 1; ; page += 1) {
    const answer = await transport.listTasks({ ...query, page_no: page }, options);
    const data = answer.data ?? answer.output?.data ?? [];
    yield* data;
    const totalPages = answer.total_page ?? answer.output?.total_page;
    if (data.length < query.page_size || (totalPages !== undefined && page >= totalPages)) return;
  }
}
