import { date, declareConfig, variable } from '../../kit/config';

export const trainingConfig = declareConfig('training subgraph', {
  TRAINING_CLOCK: variable(date(), {
    defaultText: 'unset: today in China',
    description:
      "Pins the business day every window check compares against (declaration, review, selection rounds), to act inside a past term's calendar. For tests and demos; production leaves it unset.",
  }),
});
