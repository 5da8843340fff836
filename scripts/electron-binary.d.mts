/** Where the Electron executable is, or null when the npm package came without its binary. */
export function electronBinary(): string | null;
