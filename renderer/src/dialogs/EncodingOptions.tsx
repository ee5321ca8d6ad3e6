import { ENCODINGS } from '../../../shared/api/import';

/** The encodings a user can force in the import dialog, as <option>s. */
export function EncodingOptions() {
  return (
    <>
      {ENCODINGS.map((encoding) => (
        <option key={encoding} value={encoding}>
          {encoding}
        </option>
      ))}
    </>
  );
}
