import { field } from './field';
import { defineForm } from './form';

/** "Nothing new this quarter": a valid report, one confirmation. */
export const nilReturnForm = defineForm({
  id: 'nil-return',
  title: 'Nothing new this quarter',
  intro: 'Confirm that your organisation has nothing new to report this quarter.',
  fields: {
    confirm: field.confirm({ label: 'Nothing new to report this quarter', help: 'You can still send updates later in the quarter.' }),
  },
  allowed: (a) => a.role === 'member' || a.role === 'secretariat',
  describe: () => 'a "nothing new" confirmation',
});
