/** A task or future id as Python's `hex()` writes it (`0x1f`), the way every asyncio listing shows ids. */
export const hexId = (id: number): string => `0x${id.toString(16)}`;
