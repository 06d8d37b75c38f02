// Function file of the ribbon (FunctionFile in manifest.xml). The Home-tab button opens the task
// pane with a ShowTaskpane action, which needs no code; ExecuteFunction buttons added later register
// their handlers here with Office.actions.associate(...) once Office is ready.
void Office.onReady();
