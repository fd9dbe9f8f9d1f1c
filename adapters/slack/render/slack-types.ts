import type { types } from '@slack/bolt';

/** Block Kit types, through Bolt's re-export of @slack/types (not a direct dependency of ours). */
export type KnownBlock = types.KnownBlock;
export type ActionsBlock = types.ActionsBlock;
export type ActionsBlockElement = types.ActionsBlockElement;
export type InputBlock = types.InputBlock;
export type InputBlockElement = types.InputBlockElement;
export type SectionBlock = types.SectionBlock;
export type PlainTextOption = types.PlainTextOption;
export type SlackButton = types.Button;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
