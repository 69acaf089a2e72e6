/** Route entry of the edit page. */
import { EditPage } from './DraftPage.tsx';

export default EditPage;
