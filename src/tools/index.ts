/**
 * `modelstudio-video/tools`: video generation as tools for agent frameworks.
 *
 * @packageDocumentation
 */
export {};
