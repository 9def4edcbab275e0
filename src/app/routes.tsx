// The app's screens. Per project: datasets, models, trial detections and the live camera.
import { createBrowserRouter, Navigate } from 'react-router';
import { CameraPage } from '../camera/CameraPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DatasetsPage } from '../datasets/DatasetsPage';
import { AnnotationPage } from '../labeling/AnnotationPage';
import { ModelsPage } from '../models/ModelsPage';
import { ModelDetailPage } from '../models/detail/ModelDetailPage';
import { ProjectLayout } from '../projects/ProjectLayout';
import { ProjectsPage } from '../projects/ProjectsPage';
import { SettingsPage } from '../settings/SettingsPage';
import { TrialsPage } from '../trials/TrialsPage';
import { TrialJobPage } from '../trials/TrialJobPage';
import { TrialMaskPage } from '../trials/TrialMaskPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'projects', element: <ProjectsPage /> },
      {
        path: 'projects/:projectId',
        element: <ProjectLayout />,
        children: [
          { index: true, element: <Navigate to="datasets" replace /> },
          { path: 'datasets', element: <DatasetsPage /> },
          { path: 'models', element: <ModelsPage /> },
          { path: 'models/:version', element: <ModelDetailPage /> },
          { path: 'trials', element: <TrialsPage /> },
          { path: 'trials/:jobId', element: <TrialJobPage /> },
          { path: 'trials/:jobId/results/:resultId', element: <TrialMaskPage /> },
          { path: 'camera', element: <CameraPage /> },
          { path: 'label/:entryId?', element: <AnnotationPage /> },
        ],
      },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
