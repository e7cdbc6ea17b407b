/** ActivityWatch's own server port, which its watchers and browser extension call by default. */
export const DEFAULT_AW_PORT = 5600;
