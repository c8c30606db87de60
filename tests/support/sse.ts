/** Reads a Server-Sent Events response into its events, for tests. */
export interface SseEvent {
  event: string;
  data: any;
}

/** All events of `response`, in order, each `data` parsed as JSON. */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split(/\n\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n');
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      return { event, data: data ? JSON.parse(data) : null };
    });
}
